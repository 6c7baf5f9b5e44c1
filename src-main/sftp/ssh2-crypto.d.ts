// ssh2's internal crypto module (CommonJS, untyped): only what Ferry reads from it.
declare module 'ssh2/lib/protocol/crypto.js' {
  const crypto: { readonly bindingAvailable: boolean };
  export default crypto;
}
