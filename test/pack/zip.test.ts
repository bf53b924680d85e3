import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ToolingError } from '../../scripts/docs/errors';
import { crc32 } from '../../scripts/pack/crc32';
import { readZip } from '../../scripts/pack/zipReader';
import { createZip, type ZipInput } from '../../scripts/pack/zipWriter';
import * as Z from '../../scripts/pack/zipFormat';

const text = (s: string) => Buffer.from(s, 'utf8');
/** Bytes deflate cannot shrink, so the writer must store them. */
const incompressible = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 151 + 7) % 256));

const INPUTS: ZipInput[] = [
  { path: 'Pack/b.txt', data: text('b'.repeat(5000)) },
  { path: 'Pack/a/é-name.md', data: text('# Café\n') },
  { path: 'Pack/empty.txt', data: new Uint8Array(0) },
  { path: 'Pack/random.bin', data: incompressible },
];

function python(args: string[], input?: Buffer): string {
  return execFileSync('python3', args, { input, encoding: 'utf8' });
}

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(text('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });
});

describe('createZip / readZip', () => {
  it('round-trips every entry, sorted by path, deflating only what shrinks', () => {
    const entries = readZip(createZip(INPUTS));
    expect(entries.map((e) => e.path)).toEqual([
      'Pack/a/é-name.md',
      'Pack/b.txt',
      'Pack/empty.txt',
      'Pack/random.bin',
    ]);
    for (const entry of entries) {
      const input = INPUTS.find((i) => i.path === entry.path) as ZipInput;
      expect(entry.data.equals(Buffer.from(input.data))).toBe(true);
      expect(entry.crc).toBe(crc32(input.data));
    }
    const method = Object.fromEntries(entries.map((e) => [e.path, e.method]));
    expect(method['Pack/b.txt']).toBe(Z.METHOD_DEFLATE);
    expect(method['Pack/random.bin']).toBe(Z.METHOD_STORE);
  });

  it('stamps a fixed date, UTF-8 names and regular-file mode 0644', () => {
    for (const entry of readZip(createZip(INPUTS))) {
      expect([entry.dosDate, entry.dosTime]).toEqual([Z.FIXED_DOS_DATE, Z.FIXED_DOS_TIME]);
      expect(entry.flags & Z.FLAG_UTF8).toBe(Z.FLAG_UTF8);
      expect(entry.mode).toBe(0o100644);
    }
  });

  it('is deterministic: the same files in any order give the same bytes', () => {
    const first = createZip(INPUTS);
    const second = createZip([...INPUTS].reverse());
    expect(second.equals(first)).toBe(true);
  });

  it('refuses duplicate, absolute, parent-relative and folder paths', () => {
    const one = { path: 'Pack/x', data: text('x') };
    expect(() => createZip([one, { ...one }])).toThrow('"Pack/x" is given twice');
    for (const bad of ['/etc/passwd', 'Pack/../x', 'Pack\\x', 'Pack/', '']) {
      expect(() => createZip([{ path: bad, data: text('x') }])).toThrow(ToolingError);
    }
  });

  it('detects a corrupted entry through its CRC and a truncated archive', () => {
    const zip = createZip([{ path: 'a.txt', data: incompressible }]);
    const corrupt = Buffer.from(zip);
    corrupt[Z.LOCAL_HEADER_SIZE + 'a.txt'.length + 3] ^= 0xff;
    expect(() => readZip(corrupt)).toThrow('a.txt fails its CRC-32 check');
    expect(() => readZip(zip.subarray(0, zip.length - 30))).toThrow(/Not a valid ZIP archive/);
    expect(() => readZip(Buffer.alloc(10))).toThrow('Not a valid ZIP archive: too short.');
  });

  it("is read by Python's zipfile: CRCs pass, names and contents match", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-test-'));
    try {
      const file = path.join(dir, 'test.zip');
      fs.writeFileSync(file, createZip(INPUTS));
      expect(python(['-m', 'zipfile', '-t', file])).toContain('Done testing');
      const dump = python([
        '-c',
        'import sys,zipfile,hashlib,json\n' +
          'z=zipfile.ZipFile(sys.argv[1])\n' +
          'print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))',
        file,
      ]);
      const sha = (d: Uint8Array) => createHash('sha256').update(d).digest('hex');
      expect(JSON.parse(dump)).toEqual(Object.fromEntries(INPUTS.map((i) => [i.path, sha(i.data)])));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
