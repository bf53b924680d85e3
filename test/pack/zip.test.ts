import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { ToolingError } from '../../scripts/docs/errors';
import { createZip, readZip, verifyZip, type ZipInput } from '../../scripts/pack/zip';

const text = (s: string) => Buffer.from(s, 'utf8');
/** Bytes deflate cannot shrink. */
const incompressible = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 151 + 7) % 256));

const INPUTS: ZipInput[] = [
  { path: 'Pack/b.txt', data: text('b'.repeat(5000)) },
  { path: 'Pack/a/é-name.md', data: text('# Café\n') },
  { path: 'Pack/empty.txt', data: new Uint8Array(0) },
  { path: 'Pack/random.bin', data: incompressible },
];
const SORTED_PATHS = ['Pack/a/é-name.md', 'Pack/b.txt', 'Pack/empty.txt', 'Pack/random.bin'];

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs a Python snippet on the archive: an independent ZIP reader that checks CRC-32. */
function python(zip: Buffer, script: string): string {
  const file = path.join(dir, 'test.zip');
  fs.writeFileSync(file, zip);
  return execFileSync(
    'python3',
    ['-c', `import sys,zipfile,hashlib,json\nz=zipfile.ZipFile(sys.argv[1])\n${script}`, file],
    {
      encoding: 'utf8',
    },
  );
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Builds the INPUTS archive in a child process running in time zone `zone`. A child is needed:
 * jest gives each test file its own copy of process.env, so setting TZ here would not reach Node.
 */
function zipInTimeZone(zone: string): Buffer {
  const script =
    "import { createZip } from './scripts/pack/zip';\n" +
    `const inputs = ${JSON.stringify(INPUTS.map((i) => [i.path, Buffer.from(i.data).toString('base64')]))};\n` +
    "const zip = createZip(inputs.map(([p, d]) => ({ path: p, data: Buffer.from(d, 'base64') })));\n" +
    "process.stdout.write(zip.toString('base64'));";
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const out = execFileSync(tsx, ['-e', script], {
    cwd: ROOT,
    env: { ...process.env, TZ: zone },
    encoding: 'utf8',
  });
  return Buffer.from(out, 'base64');
}

describe('createZip / readZip', () => {
  it('round-trips every entry, sorted by path, as read by fflate', () => {
    const zip = createZip(INPUTS);
    const unzipped = unzipSync(zip);
    expect(Object.keys(unzipped)).toEqual(SORTED_PATHS);
    for (const input of INPUTS) expect(Buffer.from(unzipped[input.path]).equals(input.data)).toBe(true);
    expect(readZip(zip).map((e) => e.path)).toEqual(SORTED_PATHS);
  });

  it("is read by Python's zipfile: CRCs pass, names and contents match", () => {
    const zip = createZip(INPUTS);
    expect(python(zip, 'print(z.testzip())').trim()).toBe('None');
    const dump = python(
      zip,
      'print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))',
    );
    const sha = (d: Uint8Array) => createHash('sha256').update(d).digest('hex');
    expect(JSON.parse(dump)).toEqual(Object.fromEntries(INPUTS.map((i) => [i.path, sha(i.data)])));
  });

  it('stamps 1980-01-01 00:00, a Unix host and regular-file mode 0644 on every entry', () => {
    const dump = python(
      createZip(INPUTS),
      'print(json.dumps([[i.date_time, i.create_system, i.external_attr >> 16] for i in z.infolist()]))',
    );
    const expected = [[1980, 1, 1, 0, 0, 0], 3, 0o100644];
    expect(JSON.parse(dump)).toEqual(INPUTS.map(() => expected));
  });

  it('is deterministic: the same files in any order and in any time zone give the same bytes', () => {
    const first = createZip(INPUTS);
    expect(createZip([...INPUTS].reverse()).equals(first)).toBe(true);
    const far = zipInTimeZone('Pacific/Kiritimati');
    const west = zipInTimeZone('America/Los_Angeles');
    expect(far.equals(first)).toBe(true);
    expect(west.equals(first)).toBe(true);
  });

  it('refuses duplicate, absolute, parent-relative and folder paths', () => {
    const one = { path: 'Pack/x', data: text('x') };
    expect(() => createZip([one, { ...one }])).toThrow('ZIP entry "Pack/x" is given twice.');
    for (const bad of ['/etc/passwd', 'Pack/../x', 'Pack\\x', 'Pack/', '']) {
      expect(() => createZip([{ path: bad, data: text('x') }])).toThrow(ToolingError);
    }
  });

  it('reports an unreadable archive as TOOLING_ZIP_INVALID', () => {
    const zip = createZip(INPUTS);
    for (const broken of [Buffer.alloc(10), zip.subarray(0, zip.length - 30)]) {
      expect(() => readZip(broken)).toThrow(/^Not a valid ZIP archive: /);
      expect(() => readZip(broken)).toThrow(expect.objectContaining({ code: 'TOOLING_ZIP_INVALID' }));
    }
  });
});

describe('verifyZip', () => {
  it('accepts the archive createZip wrote and returns its entries', () => {
    const entries = verifyZip(createZip(INPUTS), INPUTS);
    expect(entries.map((e) => e.path)).toEqual(SORTED_PATHS);
  });

  it('catches an entry whose stored bytes were corrupted', () => {
    const input = { path: 'a.txt', data: text('hello hello hello hello hello\n') };
    const zip = createZip([input]);
    // The deflated data runs from after the 30-byte local header and the name to the central directory.
    const start = 30 + input.path.length;
    const end = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const corrupt = Buffer.from(zip);
    corrupt[(start + end) >> 1] ^= 0xff;
    expect(() => verifyZip(zip, [input])).not.toThrow();
    expect(() => verifyZip(corrupt, [input])).toThrow(
      /ZIP entry "a.txt" does not read back as written|Not a valid ZIP archive/,
    );
  });

  it('catches a missing, an extra and a changed entry', () => {
    const zip = createZip(INPUTS);
    const extra = { path: 'Pack/z.txt', data: text('z') };
    expect(() => verifyZip(zip, [...INPUTS, extra])).toThrow(
      'ZIP entry "Pack/z.txt" is missing from the archive.',
    );
    expect(() => verifyZip(zip, INPUTS.slice(1))).toThrow('unexpected entry "Pack/b.txt"');
    const changed = INPUTS.map((i) => (i.path === 'Pack/b.txt' ? { ...i, data: text('c') } : i));
    expect(() => verifyZip(zip, changed)).toThrow('ZIP entry "Pack/b.txt" does not read back as written.');
  });
});
