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
