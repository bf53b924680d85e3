/**
 * The subset of node-forge the server bundle needs (pureCrypto.ts): the build maps the bare
 * `node-forge` import to this file so the bundle does not carry TLS, SSH, PKCS#12 and the rest.
 * Every module registers itself on the shared `forge` object. Keep in step with pureCrypto.ts and
 * bigMath.ts; the bundle tests fail if a function they call is missing here. RSA keys and
 * signatures are the module's own (rsaKey.ts, rsaSign.ts): forge's rsa, pss, asn1, oids, prime and
 * prng modules are about 45 KB the bundle does without.
 */
const forge = require('node-forge/lib/forge');
require('node-forge/lib/util');
require('node-forge/lib/md');
require('node-forge/lib/sha1');
require('node-forge/lib/aes');
require('node-forge/lib/cipher');
require('node-forge/lib/cipherModes');
require('node-forge/lib/jsbn');

module.exports = forge;
