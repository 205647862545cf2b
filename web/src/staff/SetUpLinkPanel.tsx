import type { SetUpLink } from '../api.ts';
import { formatDateTime } from '../ui/format.ts';

/** A new account's set-up link, shown once: Liaison keeps only its hash. */
export function SetUpLinkPanel({ displayName, link }: { displayName: string; link: SetUpLink }) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>
        Give {displayName} this set-up link. They open it to choose their own password, then sign in. Nobody
        else should open it: it works once.
      </p>
      <p>
        <label className="nhsuk-label" htmlFor="set-up-link">
          Set-up link
        </label>
        <input
          className="nhsuk-input"
          id="set-up-link"
          type="text"
          readOnly
          value={link.url}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
      </p>
      <p>
        It works until {formatDateTime(link.expiresAt)}. It is shown only now: if it is lost or expires, make
        a new one from the staff list.
      </p>
    </div>
  );
}
