/**
 * "ABCD EFGH IJKL …": an authenticator setup key in groups of four, as people copy it into an
 * app by hand. Authenticator apps ignore the spaces.
 */
export function groupInFours(setupKey: string): string {
  return setupKey.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
