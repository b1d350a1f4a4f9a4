// Pins the package's public surface: a change here is a change to what users can import.
import { expect, it } from 'vitest';

it('exports exactly the names of its public entry', async () => {
  expect(Object.keys(await import('@loomworks/auth')).sort()).toMatchInlineSnapshot(`
    [
      "AuthError",
      "LoginBeginBody",
      "LoginCompleteBody",
      "PasskeyCompleteBody",
      "RecoveryCompleteBody",
      "RecoveryRedeemBody",
      "SignupBeginBody",
      "SignupCompleteBody",
      "createAuthHandlers",
      "createPasskeyAuth",
    ]
  `);
});
