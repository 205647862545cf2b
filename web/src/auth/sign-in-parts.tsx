import { TextField } from '../ui/form-fields.tsx';
/** The way out of signing in part-way: signed out, back at the start. */
export function CancelSignIn({ signOut }: { signOut: () => Promise<void> }) {
  return (
    <p>
      <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => void signOut()}>
        Cancel and sign out
      </button>
    </p>
  );
}

/** The address someone signs in with: the same field wherever they are asked for it. */
export function SignInEmailField() {
  return (
    <TextField
      id="email"
      name="email"
      type="email"
      label="Email address"
      autoComplete="username"
      spellCheck={false}
      widthClass="nhsuk-u-width-two-thirds"
    />
  );
}
