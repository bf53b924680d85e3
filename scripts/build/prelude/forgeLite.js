/**
 * The subset of node-forge the server bundle needs (pureCrypto.ts): the build maps the bare
 * `node-forge` import to this file so the bundle does not carry TLS, SSH, PKCS#12 and the rest.
 * Every module registers itself on the shared `forge` object. Keep in step with pureCrypto.ts; the
 * bundle tests fail if a function it calls is missing here.
 */
const forge = require('node-forge/lib/forge');
require('node-forge/lib/util');
require('node-forge/lib/md');
require('node-forge/lib/sha1');
require('node-forge/lib/sha256');
require('node-forge/lib/hmac');
require('node-forge/lib/aes');
require('node-forge/lib/cipher');
require('node-forge/lib/cipherModes');
require('node-forge/lib/asn1');
require('node-forge/lib/oids');
require('node-forge/lib/jsbn');
require('node-forge/lib/rsa');
require('node-forge/lib/mgf');
require('node-forge/lib/mgf1');
require('node-forge/lib/pss');

module.exports = forge;
