// Generated from the server's OpenAPI description (GET /api/openapi.json) by
// scripts/api-types.ts: do not edit. After changing a route or its schemas, run
// `npm run generate:api`; `npm run check` fails while this file is out of date.

/** OneOf type helpers */
type Without<T, U> = { [P in Exclude<keyof T, keyof U>]?: never };
type XOR<T, U> = (T | U) extends object ? (Without<T, U> & U) | (Without<U, T> & T) : T | U;
type OneOf<T extends any[]> = T extends [infer Only] ? Only : T extends [infer A, infer B, ...infer Rest] ? OneOf<[XOR<A, B>, ...Rest]> : never;

export interface paths {
  "/healthz": {
    /** Whether Liaison and its database are reachable */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              status: "ok" | "unavailable";
              database: {
                /** @enum {string} */
                backend: "pglite" | "postgres";
                reachable: boolean;
              };
            };
          };
        };
      };
    };
  };
  "/api/session": {
    /** Who is signed in, and what is left of signing in (signInStep) */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Session"];
          };
        };
      };
    };
    /**
     * Sign in with email and password (starts a cookie session)
     * @description When the answer’s signInStep is not "complete", the session may only finish signing in (POST /api/session/second-factor, or set up an authenticator at /api/account/mfa/enrolment), read GET /api/session, or sign out; anything else answers 401 with code "mfa_required".
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            email: string;
            password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Session"];
          };
        };
      };
    };
    /** Sign out (ends the session on the server) */
    delete: {
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/api/api-tokens": {
    /** API tokens of your organisation (never the token values), with those awaiting approval */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ApiToken"][];
            };
          };
        };
      };
    };
    /**
     * Create an API token for a system, with the role it acts as
     * @description A token whose role reads people’s records (any role but admin), created by an admin, works only once a registered manager approves it (POST /api/api-tokens/{id}/approval).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            name: string;
            role: components["schemas"]["StaffRoleInput"];
            expiresAt?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["CreatedApiToken"];
          };
        };
      };
    };
  };
  "/api/api-tokens/{id}": {
    /** Revoke an API token (takes effect on its next request) */
    delete: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/api/api-tokens/{id}/approval": {
    /** Approve an API token awaiting approval: it works from its next request */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/api/api-tokens/{id}/refusal": {
    /** Refuse an API token awaiting approval: it never works */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/api/session/second-factor": {
    /**
     * Finish signing in with the code from your authenticator app, or a recovery code
     * @description Each code is accepted once, and only within 30 seconds either side of its time. The session is replaced (a new cookie and CSRF token). Repeated wrong codes make the account wait (429).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /** @description The 6-digit code from the authenticator app */
            code?: string;
            /** @description One of the recovery codes (each works once) */
            recoveryCode?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Session"];
          };
        };
      };
    };
  };
  "/api/session/reauthentication": {
    /**
     * Confirm your password (and code) again before a sensitive action
     * @description Routes marked "needs re-authentication" answer 403 with code "reauthentication_required" unless this was done (or you signed in) in the last 5 minutes. A person with an authenticator app sends its code (or a recovery code) too. The session is replaced.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            password: string;
            /** @description The 6-digit code from the authenticator app */
            code?: string;
            /** @description One of the recovery codes (each works once) */
            recoveryCode?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Session"];
          };
        };
      };
    };
  };
  "/api/account/mfa": {
    /** Whether your authenticator app is set up, and how many recovery codes are left */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["MfaStatus"];
          };
        };
      };
    };
    /** Turn your authenticator app off (needs re-authentication; not for roles that require it) */
    delete: {
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/api/account/mfa/enrolment": {
    /**
     * Start setting up an authenticator app: a new secret, as a QR code and as text
     * @description During sign-in (signInStep "enrolment") or, from a signed-in session, after re-authenticating. Nothing changes until the app’s first code is confirmed.
     */
    post: {
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["MfaEnrolment"];
          };
        };
      };
    };
  };
  "/api/account/mfa/enrolment/confirm": {
    /** Confirm the new authenticator app with its code; answers the recovery codes, once */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /** @description The 6-digit code from the authenticator app */
            code: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              user: {
                /** Format: uuid */
                id: string;
                displayName: string;
                email: string | null;
                role: components["schemas"]["StaffRole"];
              };
              organisation: {
                /** Format: uuid */
                id: string;
                name: string;
              };
              csrfToken: string | null;
              /** @enum {string} */
              signInStep: "complete" | "second_factor" | "enrolment";
              recoveryCodes: string[];
            };
          };
        };
      };
    };
  };
  "/api/account/mfa/recovery-codes": {
    /** New recovery codes (needs re-authentication); the old ones stop working */
    post: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["RecoveryCodes"];
          };
        };
      };
    };
  };
  "/api/users/{id}/mfa": {
    /**
     * Reset a staff member’s authenticator app (needs re-authentication)
     * @description For a lost or replaced phone: their authenticator and recovery codes are removed and their sessions end. They set up a new authenticator at their next sign-in.
     */
    delete: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/api/organisation": {
    /**
     * Your organisation
     * @description The `ETag` header is the record’s version, like `"3"`: send it back in `If-Match` to change the record.
     */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Organisation"];
          };
        };
      };
    };
    /**
     * Change your organisation’s details (used in its policies and evidence)
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`.
     */
    patch: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            name?: string;
            registrationNumber?: string | null;
            registeredManagerName?: string | null;
            address?: string | null;
            logoDataUrl?: string | null;
            contactVerificationDays?: number;
            mfaAlsoRequiredFor?: ("care_worker" | "auditor")[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Organisation"];
          };
        };
      };
    };
  };
  "/api/users": {
    /** List the staff of your organisation */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          role?: components["schemas"]["StaffRoleInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["StaffUser"][];
            };
          };
        };
      };
    };
    /**
     * Add a staff member
     * @description The account has no password: the answer carries a one-time set-up link (shown once, working for 72 hours) with which its owner chooses their own.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            email: string;
            displayName: string;
            role: components["schemas"]["StaffRoleInput"];
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["CreatedStaffUser"];
          };
        };
      };
    };
  };
  "/api/colleagues": {
    /**
     * Your current colleagues who work with people, by name: whom a measure or action can name as owner
     * @description Names and roles only, for every member of staff: no email addresses or other account details (those are in `GET /api/users`, for those who keep the staff list).
     */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["Colleague"][];
            };
          };
        };
      };
    };
  };
  "/api/colleagues/{id}": {
    /** One colleague’s name and role, current or former */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Colleague"];
          };
        };
      };
    };
  };
  "/api/users/{id}": {
    /**
     * One staff member
     * @description The `ETag` header is the record’s version, like `"3"`: send it back in `If-Match` to change the record.
     */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["StaffUser"];
          };
        };
      };
    };
    /**
     * Change a staff member’s name or role, or disable their account
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`. In the staff list, the version is each member’s `version`.
     */
    patch: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            displayName?: string;
            role?: components["schemas"]["StaffRoleInput"];
            disabled?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["StaffUser"];
          };
        };
      };
    };
  };
  "/api/users/{id}/set-up-link": {
    /**
     * A new set-up link for an account whose owner has not yet chosen a password
     * @description Earlier links for the account stop working.
     */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["SetUpLink"];
          };
        };
      };
    };
  };
  "/api/account-set-up": {
    /** Whose account a set-up link is for (the token after # in the link, in X-Set-Up-Link) */
    get: {
      parameters: {
        header: {
          "x-set-up-link": string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["AccountToSetUp"];
          };
        };
      };
    };
    /** Choose your password through your set-up link; then sign in as usual */
    post: {
      parameters: {
        header: {
          "x-set-up-link": string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/api/password-reset-requests": {
    /**
     * Ask for a link to choose a new password, sent to the account’s email address
     * @description The answer is the same whether or not an account has the address, and is given before anything is looked up. A link goes only to an account in use that has a password, at most three an hour; it works once, for 30 minutes. Needs a mail server (SMTP_HOST).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            email: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          content: {
            "application/json": components["schemas"]["PasswordResetRequested"];
          };
        };
      };
    };
  };
  "/api/password-reset": {
    /** Whose account a link to choose a new password is for (the token after # in the link, in X-Password-Reset-Link) */
    get: {
      parameters: {
        header: {
          "x-password-reset-link": string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["AccountToSetUp"];
          };
        };
      };
    };
    /** Choose a new password through the link; every session of the account ends, and signing in still needs its authenticator code */
    post: {
      parameters: {
        header: {
          "x-password-reset-link": string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/api/partner-organisations": {
    /** Search the partner organisations by name and type */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          /** @description Part of the name, any case */
          q?: string;
          type?: components["schemas"]["PartnerTypeInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PartnerOrganisation"][];
            };
          };
        };
      };
    };
    /** Add a partner organisation */
    post: {
      requestBody: {
        content: {
          "application/json": {
            name: string;
            type: components["schemas"]["PartnerTypeInput"];
            odsCode?: string | null;
            address?: string | null;
            notes?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["PartnerOrganisation"];
          };
        };
      };
    };
  };
  "/api/partner-organisations/{id}": {
    /**
     * One partner organisation with its own channels
     * @description The `ETag` header is the record’s version, like `"3"`: send it back in `If-Match` to change the record.
     */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerOrganisationWithChannels"];
          };
        };
      };
    };
    /**
     * Change a partner organisation’s details
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`.
     */
    patch: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            name?: string;
            type?: components["schemas"]["PartnerTypeInput"];
            odsCode?: string | null;
            address?: string | null;
            notes?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerOrganisation"];
          };
        };
      };
    };
  };
  "/api/partner-organisations/{id}/contacts": {
    /** The named contacts of a partner organisation */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          /** @description Include contacts who have moved on (default false) */
          includeEnded?: "true" | "false";
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PartnerContact"][];
            };
          };
        };
      };
    };
    /** Add a named contact to a partner organisation (counts as verified now) */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            name: string;
            jobTitle?: string | null;
            type: components["schemas"]["PartnerTypeInput"];
            email?: string | null;
            phone?: string | null;
            notes?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["PartnerContact"];
          };
        };
      };
    };
  };
  "/api/partner-organisations/{id}/contacts/{contactId}": {
    /**
     * One contact of a partner organisation, with their channels
     * @description The `ETag` header is the record’s version, like `"3"`: send it back in `If-Match` to change the record.
     */
    get: {
      parameters: {
        path: {
          id: string;
          contactId: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerContactWithChannels"];
          };
        };
      };
    };
  };
  "/api/partner-organisations/{id}/channel-now": {
    /** Which of the organisation’s channels to use now */
    get: {
      parameters: {
        query: {
          urgency: "urgent" | "routine";
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ChannelNow"];
          };
        };
      };
    };
  };
  "/api/partner-organisations/{id}/channels": {
    /** Add a channel to the organisation */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            kind: components["schemas"]["ChannelKindInput"];
            /** @description The number, address or link */
            value: string;
            label?: string | null;
            urgencies: components["schemas"]["ChannelUrgencyInput"][];
            hours: components["schemas"]["WeeklyHoursInput"];
            /** @default false */
            staffedOnBankHolidays?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["PartnerChannel"];
          };
        };
      };
    };
  };
  "/api/partner-organisations/{id}/channels/{channelId}": {
    /** Remove one of the organisation’s channels */
    delete: {
      parameters: {
        path: {
          id: string;
          channelId: string;
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
    /**
     * Change one of the organisation’s channels
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`. The version is the channel’s `version` in the organisation’s channels.
     */
    patch: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          id: string;
          channelId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            kind?: components["schemas"]["ChannelKindInput"];
            value?: string;
            label?: string | null;
            urgencies?: components["schemas"]["ChannelUrgencyInput"][];
            hours?: components["schemas"]["WeeklyHoursInput"];
            staffedOnBankHolidays?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerChannel"];
          };
        };
      };
    };
  };
  "/api/partner-contacts": {
    /** Search the named contacts by name, type and organisation */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          /** @description Part of the name, any case */
          q?: string;
          type?: components["schemas"]["PartnerTypeInput"];
          partnerOrganisationId?: string;
          /** @description Include contacts who have moved on (default false) */
          includeEnded?: "true" | "false";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PartnerContact"][];
            };
          };
        };
      };
    };
  };
  "/api/partner-contacts/stale": {
    /** Contacts not verified within your organisation’s verification period, oldest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PartnerContact"][];
            };
          };
        };
      };
    };
  };
  "/api/partner-contacts/{id}": {
    /**
     * One named contact with their channels
     * @description The `ETag` header is the record’s version, like `"3"`: send it back in `If-Match` to change the record.
     */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerContactWithChannels"];
          };
        };
      };
    };
    /**
     * Change a contact’s details
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`.
     */
    patch: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            name?: string;
            jobTitle?: string | null;
            type?: components["schemas"]["PartnerTypeInput"];
            email?: string | null;
            phone?: string | null;
            notes?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerContact"];
          };
        };
      };
    };
  };
  "/api/partner-contacts/{id}/verify": {
    /** Record that the contact’s details were checked and are correct */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerContact"];
          };
        };
      };
    };
  };
  "/api/partner-contacts/{id}/end": {
    /** Record that the contact has moved on from the role (keeps their history) */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @description Why the contact no longer holds the role */
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerContact"];
          };
        };
      };
    };
  };
  "/api/partner-contacts/{id}/channel-now": {
    /** Which channel to use now to reach this contact (falls back to their organisation) */
    get: {
      parameters: {
        query: {
          urgency: "urgent" | "routine";
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ChannelNow"];
          };
        };
      };
    };
  };
  "/api/partner-contacts/{id}/channels": {
    /** Add a channel to the contact */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            kind: components["schemas"]["ChannelKindInput"];
            /** @description The number, address or link */
            value: string;
            label?: string | null;
            urgencies: components["schemas"]["ChannelUrgencyInput"][];
            hours: components["schemas"]["WeeklyHoursInput"];
            /** @default false */
            staffedOnBankHolidays?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["PartnerChannel"];
          };
        };
      };
    };
  };
  "/api/partner-contacts/{id}/channels/{channelId}": {
    /** Remove one of the contact’s channels */
    delete: {
      parameters: {
        path: {
          id: string;
          channelId: string;
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
    /**
     * Change one of the contact’s channels
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`. The version is the channel’s `version` in the contact’s channels.
     */
    patch: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          id: string;
          channelId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            kind?: components["schemas"]["ChannelKindInput"];
            value?: string;
            label?: string | null;
            urgencies?: components["schemas"]["ChannelUrgencyInput"][];
            hours?: components["schemas"]["WeeklyHoursInput"];
            staffedOnBankHolidays?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerChannel"];
          };
        };
      };
    };
  };
  "/api/partner-register/import": {
    /**
     * Import organisations, contacts and channels from CSV: all rows or none
     * @description Every row is checked first. If any row has a problem nothing is imported, and the answer lists each problem as `row N: column`.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /** @description The CSV file as text, with a header row (see docs/partners.md) */
            csv: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["PartnerRegisterImportReport"];
          };
        };
      };
    };
  };
  "/api/care-services": {
    /** The services and locations your organisation runs */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["CareService"][];
            };
          };
        };
      };
    };
    /** Add a service or location */
    post: {
      requestBody: {
        content: {
          "application/json": {
            name: string;
            address?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["CareService"];
          };
        };
      };
    };
  };
  "/api/care-services/{id}": {
    /**
     * Rename a service or change its address
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`. The version is the service’s `version` in the list.
     */
    patch: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            name?: string;
            address?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["CareService"];
          };
        };
      };
    };
  };
  "/api/people": {
    /** Search the people you support by name or NHS number, service, status or clinical flag */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          /** @description Part of a name, any case, or a whole NHS number. Prefer POST /api/people/search: an address is logged by proxies. */
          q?: string;
          careServiceId?: string;
          status?: components["schemas"]["PersonStatusInput"];
          clinicalFlag?: components["schemas"]["ClinicalFlagInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["Person"][];
            };
          };
        };
      };
    };
    /** Add a person you support */
    post: {
      requestBody: {
        content: {
          "application/json": {
            givenName: string;
            familyName: string;
            preferredName?: string | null;
            /** Format: date */
            dateOfBirth: string;
            /** @description House, street and town; the postcode goes in postcode */
            address: string;
            postcode: string;
            nhsNumber?: string | null;
            careServiceId?: string | null;
            communicationNeeds?: string | null;
            /** @default [] */
            clinicalFlags?: components["schemas"]["ClinicalFlagInput"][];
            clinicalFlagsNote?: string | null;
            status?: components["schemas"]["PersonStatusInput"];
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["Person"];
          };
        };
      };
    };
  };
  "/api/people/search": {
    /**
     * Search the people you support, the search in the body rather than the address
     * @description The same search and answer as GET /api/people. A name or NHS number in an address stays in browser histories and in the logs of proxies and load balancers; in the body it does not. Changes nothing.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /** @default 50 */
            limit?: number;
            /** @default 0 */
            offset?: number;
            /** @description Part of a name, any case, or a whole NHS number. Prefer POST /api/people/search: an address is logged by proxies. */
            q?: string;
            /** Format: uuid */
            careServiceId?: string;
            status?: components["schemas"]["PersonStatusInput"];
            clinicalFlag?: components["schemas"]["ClinicalFlagInput"];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["Person"][];
            };
          };
        };
      };
    };
  };
  "/api/people/{id}": {
    /**
     * One person’s record (the view is audited)
     * @description The `ETag` header is the record’s version, like `"3"`: send it back in `If-Match` to change the record.
     */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Person"];
          };
        };
      };
    };
    /**
     * Change a person’s record
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`.
     */
    patch: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            givenName?: string;
            familyName?: string;
            preferredName?: string | null;
            /** Format: date */
            dateOfBirth?: string;
            /** @description House, street and town; the postcode goes in postcode */
            address?: string;
            postcode?: string;
            nhsNumber?: string | null;
            careServiceId?: string | null;
            communicationNeeds?: string | null;
            clinicalFlags?: components["schemas"]["ClinicalFlagInput"][];
            clinicalFlagsNote?: string | null;
            status?: components["schemas"]["PersonStatusInput"];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Person"];
          };
        };
      };
    };
  };
  "/api/people/{id}/representatives": {
    /** The person’s attorneys, deputies, advocates and next of kin (the view is audited) */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PersonRepresentative"][];
            };
          };
        };
      };
    };
    /** Record an attorney, deputy, advocate or next of kin */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            kind: components["schemas"]["RepresentativeKindInput"];
            name: string;
            relationship?: string | null;
            phone?: string | null;
            email?: string | null;
            address?: string | null;
            /** @description When the representative is in the partner register */
            partnerContactId?: string | null;
            /** @description What they may decide, as the LPA or court order says */
            scopeOfAuthority?: string | null;
            /**
             * @description For a court-appointed deputy: the areas the order covers
             * @default []
             */
            deputyDecisions?: ("property_and_financial_affairs" | "personal_welfare")[];
            /** @description OPG registration or court order reference */
            reference?: string | null;
            /** @description LPA registered with the OPG, or the order made */
            registeredOn?: string | null;
            documentSeenOn?: string | null;
            /** @description The staff member who saw it; defaults to you */
            documentSeenBy?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["PersonRepresentative"];
          };
        };
      };
    };
  };
  "/api/people/{id}/representatives/{representativeId}": {
    /**
     * Change a representative’s details
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`. The version is the representative’s `version` in the list.
     */
    patch: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          id: string;
          representativeId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            name?: string;
            relationship?: string | null;
            phone?: string | null;
            email?: string | null;
            address?: string | null;
            /** @description When the representative is in the partner register */
            partnerContactId?: string | null;
            /** @description What they may decide, as the LPA or court order says */
            scopeOfAuthority?: string | null;
            /** @description For a court-appointed deputy: the areas the order covers */
            deputyDecisions?: ("property_and_financial_affairs" | "personal_welfare")[];
            /** @description OPG registration or court order reference */
            reference?: string | null;
            /** @description LPA registered with the OPG, or the order made */
            registeredOn?: string | null;
            documentSeenOn?: string | null;
            /** @description The staff member who saw it; defaults to you */
            documentSeenBy?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PersonRepresentative"];
          };
        };
      };
    };
  };
  "/api/people/{id}/representatives/{representativeId}/end": {
    /** Record that a representative no longer acts for the person (kept in the record) */
    post: {
      parameters: {
        path: {
          id: string;
          representativeId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @description Why they no longer represent the person */
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PersonRepresentative"];
          };
        };
      };
    };
  };
  "/api/people/{id}/circle": {
    /** The person’s circle of partners: who is their GP, social worker… (the view is audited) */
    get: {
      parameters: {
        query?: {
          /** @description Include roles that have ended (default false) */
          includeEnded?: "true" | "false";
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["CircleMember"][];
            };
          };
        };
      };
    };
    /** Add a partner contact to the person’s circle, with the role they hold */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** Format: uuid */
            partnerContactId: string;
            role?: components["schemas"]["PartnerTypeInput"];
            /**
             * @description The person’s primary partner contact (at most one)
             * @default false
             */
            isPrimary?: boolean;
            /**
             * Format: date
             * @description Defaults to today
             */
            startedOn?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["CircleMember"];
          };
        };
      };
    };
  };
  "/api/people/{id}/circle/{memberId}": {
    /**
     * Change a role in the circle: make it primary, or record that it ended
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`. The version is the member’s `version` in the circle.
     */
    patch: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          id: string;
          memberId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            role?: components["schemas"]["PartnerTypeInput"];
            isPrimary?: boolean;
            /** Format: date */
            startedOn?: string;
            /** @description The day they stopped holding the role for this person */
            endedOn?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["CircleMember"];
          };
        };
      };
    };
  };
  "/api/partner-contacts/{id}/people": {
    /** The people a partner contact currently holds a role for (audited) */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PersonLinkedToContact"][];
            };
          };
        };
      };
    };
  };
  "/api/people/{id}/sharing-records": {
    /** A person’s consent, capacity, best-interests and safeguarding records (the view is audited) */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              consents: components["schemas"]["ConsentRecord"][];
              capacityAssessments: components["schemas"]["CapacityAssessment"][];
              bestInterestsDecisions: components["schemas"]["BestInterestsDecision"][];
              safeguardingAuthorisations: components["schemas"]["SafeguardingAuthorisation"][];
            };
          };
        };
      };
    };
  };
  "/api/people/{id}/consents": {
    /**
     * Record consent to share, given by the person or their attorney or deputy
     * @description Consent is never edited: to change it, record a new consent and withdraw the old one.
     */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /**
             * @description The person, or an attorney or deputy acting for them
             * @enum {string}
             */
            givenBy: "person" | "representative";
            /** @description The attorney or deputy who gave consent, when givenBy is representative */
            representativeId?: string | null;
            /** @default [] */
            partnerOrganisationIds?: string[];
            /** @default [] */
            partnerContactIds?: string[];
            /** @default [] */
            partnerTypes?: components["schemas"]["PartnerTypeInput"][];
            purposes: components["schemas"]["SharingPurposeInput"][];
            categories: components["schemas"]["InformationCategoryInput"][];
            /** @enum {string} */
            recordedHow: "signed_form" | "easy_read_form" | "verbal" | "electronic" | "other";
            notes?: string | null;
            /**
             * Format: date
             * @description The date consent was given (not in the future)
             */
            givenOn: string;
            /**
             * Format: date
             * @description The consent lapses after this date unless it is recorded again
             */
            reviewOn: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["ConsentRecord"];
          };
        };
      };
    };
  };
  "/api/people/{id}/consents/{recordId}/withdraw": {
    /** Withdraw consent: the gate refuses from now on, and shares queued on it are held */
    post: {
      parameters: {
        path: {
          id: string;
          recordId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /**
             * @description Who withdrew it
             * @enum {string}
             */
            withdrawnBy: "person" | "representative";
            representativeId?: string | null;
            reason?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              consent: components["schemas"]["ConsentRecord"];
              heldShares: number;
            };
          };
        };
      };
    };
  };
  "/api/people/{id}/capacity-assessments": {
    /** Record a decision-specific capacity assessment (the outcome follows from the two-stage test) */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @description The specific decision, e.g. "Sharing health information with the GP" */
            decision: string;
            purposes: components["schemas"]["SharingPurposeInput"][];
            categories: components["schemas"]["InformationCategoryInput"][];
            /** @description Stage 1: is there an impairment of, or disturbance in, the functioning of the mind or brain? */
            impairment: boolean;
            impairmentNote?: string | null;
            /** @description Stage 2: can the person understand the information relevant to the decision? */
            canUnderstand: boolean;
            /** @description Stage 2: can they retain it long enough to decide? */
            canRetain: boolean;
            /** @description Stage 2: can they use or weigh it? */
            canUseOrWeigh: boolean;
            /** @description Stage 2: can they communicate their decision by any means? */
            canCommunicate: boolean;
            /** @description How the conclusion was reached, and the practicable steps taken to help */
            reasons: string;
            /** @description An assessor from outside the organisation; defaults to you */
            assessorName?: string | null;
            assessorRole?: string | null;
            /** Format: date */
            assessedOn: string;
            /** Format: date */
            reviewOn: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["CapacityAssessment"];
          };
        };
      };
    };
  };
  "/api/people/{id}/best-interests-decisions": {
    /** Record a best-interests decision about sharing, for a person who lacks capacity for it */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /**
             * Format: uuid
             * @description The assessment that found the person lacks capacity for this decision
             */
            capacityAssessmentId: string;
            decision: string;
            /** @default [] */
            partnerOrganisationIds?: string[];
            /** @default [] */
            partnerContactIds?: string[];
            /** @default [] */
            partnerTypes?: components["schemas"]["PartnerTypeInput"][];
            purposes: components["schemas"]["SharingPurposeInput"][];
            categories: components["schemas"]["InformationCategoryInput"][];
            /** @description Who was consulted: family, carers, advocate, professionals */
            consulted: string;
            /** @description The person’s past and present wishes, feelings, beliefs and values */
            wishesAndFeelings: string;
            /** @enum {string} */
            outcome: "share" | "do_not_share";
            rationale: string;
            /** Format: date */
            decidedOn: string;
            /** Format: date */
            reviewOn: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["BestInterestsDecision"];
          };
        };
      };
    };
  };
  "/api/people/{id}/safeguarding-authorisations": {
    /** Authorise sharing without consent for safeguarding, with a written rationale (minimum necessary) */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @default [] */
            partnerOrganisationIds?: string[];
            /** @default [] */
            partnerContactIds?: string[];
            /** @default [] */
            partnerTypes?: components["schemas"]["PartnerTypeInput"][];
            /** @description Only what the recipient needs to protect the person (minimum necessary) */
            categories: components["schemas"]["InformationCategoryInput"][];
            rationale: string;
            /**
             * Format: date-time
             * @description When the authorisation ends; defaults to 7 days, at most 30 days
             */
            expiresAt?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["SafeguardingAuthorisation"];
          };
        };
      };
    };
  };
  "/api/people/{id}/safeguarding-authorisations/{recordId}/revoke": {
    /** Revoke a safeguarding authorisation; shares queued on it are held */
    post: {
      parameters: {
        path: {
          id: string;
          recordId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["SafeguardingAuthorisation"];
          };
        };
      };
    };
  };
  "/api/people/{id}/share-checks": {
    /**
     * Can I share this? The gate’s answer and its reasons, without sharing anything
     * @description Nothing is shared. The question and its answer are audited.
     */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /**
             * Format: uuid
             * @description Share with a partner organisation
             */
            partnerOrganisationId?: string;
            /**
             * Format: uuid
             * @description Or with a named contact (their organisation is implied)
             */
            partnerContactId?: string;
            purpose: components["schemas"]["SharingPurposeInput"];
            categories: components["schemas"]["InformationCategoryInput"][];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ShareDecision"];
          };
        };
      };
    };
  };
  "/api/people/{id}/shares": {
    /**
     * The share log: every share and refused attempt for the person, newest first
     * @description Shares for safeguarding are need-to-know: they are listed for managers, the registered manager and the auditor, and for whoever made them; anyone else is not shown them.
     */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          outcome?: "allowed" | "refused";
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ShareLogEntry"][];
            };
          };
        };
      };
    };
    /**
     * Record information shared outside Liaison (a call, a meeting), through the sharing gate
     * @description The gate decides first. Allowed: the share is logged with its basis and lawful basis (201). Refused: the attempt is logged and the answer is 403 with every reason.
     */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** Format: uuid */
            partnerOrganisationId?: string;
            /** Format: uuid */
            partnerContactId?: string;
            purpose: components["schemas"]["SharingPurposeInput"];
            categories: components["schemas"]["InformationCategoryInput"][];
            /** @description How and what was shared, e.g. "Phoned the GP about low blood sugar" */
            description: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["ShareLogEntry"];
          };
        };
      };
    };
  };
  "/api/held-shares": {
    /** Shares held because the consent or authorisation they rested on was withdrawn */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          personId?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["HeldShare"][];
            };
          };
        };
      };
    };
  };
  "/api/held-shares/{id}/cancel": {
    /** Cancel a held share: it will not be sent */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            note: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/api/sharing-agreements": {
    /** Information sharing agreements with partner organisations */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          partnerOrganisationId?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["InformationSharingAgreement"][];
            };
          };
        };
      };
    };
    /** Record an information sharing agreement with a partner organisation */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /** Format: uuid */
            partnerOrganisationId: string;
            title: string;
            reference?: string | null;
            purposes: components["schemas"]["SharingPurposeInput"][];
            categories: components["schemas"]["InformationCategoryInput"][];
            /** Format: date */
            startsOn: string;
            endsOn?: string | null;
            notes?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["InformationSharingAgreement"];
          };
        };
      };
    };
  };
  "/api/sharing-agreements/{id}": {
    /**
     * One information sharing agreement
     * @description The `ETag` header is the record’s version, like `"3"`: send it back in `If-Match` to change the record.
     */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["InformationSharingAgreement"];
          };
        };
      };
    };
    /**
     * Change an information sharing agreement (for example, record its end date)
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`.
     */
    patch: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            title?: string;
            reference?: string | null;
            purposes?: components["schemas"]["SharingPurposeInput"][];
            categories?: components["schemas"]["InformationCategoryInput"][];
            /** Format: date */
            startsOn?: string;
            endsOn?: string | null;
            notes?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["InformationSharingAgreement"];
          };
        };
      };
    };
  };
  "/api/lawful-bases": {
    /** The UK GDPR conditions each share records, by purpose */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["LawfulBasisDefault"][];
            };
          };
        };
      };
    };
  };
  "/api/lawful-bases/{purpose}": {
    /**
     * Set the UK GDPR conditions recorded with shares for a purpose
     * @description Replaces the whole setting for the purpose. Unlike changes to records, this takes no `If-Match`: the setting has no version, and a PUT sends all of it, so there is no partial change that a concurrent one could undo. When two managers set it at once, the later setting stands in full; each is in the audit trail with who made it and when.
     */
    put: {
      parameters: {
        path: {
          purpose: components["schemas"]["SharingPurposeInput"];
        };
      };
      requestBody: {
        content: {
          "application/json": {
            article6: components["schemas"]["Article6ConditionInput"];
            article9: components["schemas"]["Article9ConditionInput"];
            dpa2018?: components["schemas"]["Dpa2018ConditionInput"] | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["LawfulBasisDefault"];
          };
        };
      };
    };
  };
  "/api/people/{id}/shares/export": {
    /**
     * The share log as CSV, for an inspection or a subject access request (the export is audited)
     * @description Cells that a spreadsheet would read as a formula are written with a leading apostrophe.
     */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description text/csv */
        200: {
          content: {
            "text/csv": string;
          };
        };
      };
    };
  };
  "/api/people/{id}/subject-access-export": {
    /**
     * A copy of everything held about a person, for a subject access request (audited)
     * @description Their record, representatives, circle of support, whole chronology, every share with a partner and every visit to their records, read at one moment, in words (no codes or ids) and as JSON. Sent as a file to save (Content-Disposition: attachment). Check it before sending: see `about.reviewBeforeSending`.
     */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["SubjectAccessExport"];
          };
        };
      };
    };
  };
  "/api/audit/verify": {
    /** Recompute your organisation’s audit chain, compare it with its latest signed checkpoint, and report the first entry that does not verify */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["AuditChainReport"];
          };
        };
      };
    };
  };
  "/api/audit/proof": {
    /** Prove that an audit entry is in your organisation’s audit trail: its RFC 9162 inclusion proof against a signed checkpoint, checkable offline with `liaison audit verify-proof` */
    get: {
      parameters: {
        query: {
          /** @description The audit entry’s id */
          entry: number;
          /** @description The tree size to prove it against: by default the latest signed checkpoint’s, when it covers the entry, or the tree as it is now */
          size?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["AuditInclusionProof"];
          };
        };
      };
    };
  };
  "/api/audit/consistency": {
    /** Prove that your organisation’s audit trail at one size is the start of the trail at a later size (an RFC 9162 consistency proof between two checkpoints), checkable offline with `liaison audit verify-proof` */
    get: {
      parameters: {
        query: {
          /** @description The older tree size, such as an earlier checkpoint’s */
          from: number;
          /** @description The newer tree size, such as the latest checkpoint’s */
          to: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["AuditConsistencyProof"];
          };
        };
      };
    };
  };
  "/api/audit/access": {
    /** Who accessed a record (entityType and entityId), what a staff member, API token or partner accessed (actorId), or both; by visit, newest first, with actions in words; the look-up is audited */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          /** @description The kind of record: person, user, partner_contact, share… */
          entityType?: string;
          entityId?: string;
          /** @description A staff member’s, API token’s or partner link’s id */
          actorId?: string;
          /** @description Only this kind of action, such as person.view */
          action?: "person.view" | "person.subject_access_export" | "person.create" | "person.update" | "person.search" | "person_representative.create" | "person_representative.update" | "person_representative.end" | "circle_member.create" | "circle_member.update" | "consent.record" | "consent.withdraw" | "capacity_assessment.record" | "best_interests_decision.record" | "safeguarding_authorisation.grant" | "safeguarding_authorisation.revoke" | "sharing_agreement.create" | "sharing_agreement.update" | "lawful_basis.set" | "share.send" | "share.check" | "share.allowed" | "share.refused" | "share.hold" | "share.cancel" | "share_log.view" | "share_log.export" | "sharing_records.view" | "partner_message.send" | "partner_message.view" | "partner_message.list" | "partner_message.view_by_partner" | "partner_message.acknowledge" | "partner_message.accept" | "partner_message.decline" | "partner_message.respond" | "partner_message.done" | "partner_message.log_contact" | "partner_message.close" | "partner_message.withdraw" | "partner_link.issue" | "partner_link.revoke" | "partner_link.hand_over" | "partner_message.sharing_ended" | "advice.record" | "advice.list" | "advice.confirm" | "advice.request_confirmation" | "care_plan_amendment.record" | "care_plan_amendment.list" | "incident.create" | "incident.update" | "incident.add_people" | "incident.adjust_person" | "incident.view_people" | "incident.view_timeline" | "incident.view_review" | "incident.export_review" | "incident.close" | "incident.add_measure" | "incident.end_measure" | "incident.set_findings" | "incident.add_learning_action" | "incident.complete_learning_action" | "incident.record_decision" | "incident.record_reading" | "incident.record_hazard" | "incident.record_note" | "incident.record_gate_refusal" | "incident_risk_points.set" | "action.create" | "action.update" | "action.accept" | "action.decline" | "action.start" | "action.complete" | "action.cancel" | "escalation.step_fired" | "person.view_chronology" | "concern.raise" | "concern.view" | "concern.view_summary" | "concern.list" | "concern.list_summaries" | "concern.update" | "concern.change_level" | "concern.change_status" | "concern.close" | "concern.record_advocacy" | "concern_entry.add" | "concern.trigger_met" | "concern.view_chronology" | "concern.record_advice" | "concern.view_referral_draft" | "concern.record_decision" | "concern.add_plan" | "concern.end_plan" | "concern.add_trigger" | "concern.end_trigger" | "concern.add_restriction" | "concern.review_restriction" | "concern.end_restriction" | "concern.view_related" | "concern.view_patterns" | "concern.export" | "concern.restriction_past_review" | "concern.decision_overdue" | "concern_alert.resolve" | "restriction_register.view" | "safeguarding_settings.update" | "attention_item.resolve" | "audit.access_history" | "audit.verify" | "audit.proof" | "audit.consistency_proof" | "audit.rollback_accepted" | "session.sign_in" | "session.sign_out" | "session.second_factor" | "session.reauthenticate" | "access.denied" | "mfa.enrolment_start" | "mfa.enable" | "mfa.disable" | "mfa.reset" | "mfa.recovery_code_use" | "mfa.recovery_codes_regenerate" | "user.create" | "user.update" | "user.set_up" | "user.password_reset_link.issue" | "user.password_reset_link.refuse" | "user.password_reset" | "api_token.create" | "api_token.revoke" | "api_token.approve" | "api_token.refuse" | "escalation_route.set" | "escalation_route.reset" | "organisation.create" | "organisation.update" | "partner_organisation.create" | "partner_organisation.update" | "partner_contact.create" | "partner_contact.update" | "partner_contact.verify" | "partner_contact.end" | "partner_channel.create" | "partner_channel.update" | "partner_channel.delete" | "partner_register.import" | "care_service.create" | "care_service.update" | "work_list.view";
          /** @description From this day (UK time), inclusive */
          from?: string;
          /** @description To this day (UK time), inclusive */
          to?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["AccessHistory"];
          };
        };
      };
    };
  };
  "/api/audit/actions": {
    /** Every kind of action the audit trail records, with its label in words (to filter by) */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["AuditActions"];
          };
        };
      };
    };
  };
  "/api/messages/check": {
    /** Check a draft message for clarity (warnings only; never refuses) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            template: components["schemas"]["MessageTemplateInput"];
            askType?: components["schemas"]["AskTypeInput"] | null;
            /** @default */
            summary?: string;
            impact?: string | null;
            mitigations?: string | null;
            ask?: string | null;
            body?: string | null;
            /** @description ISO 8601 date-time with offset */
            deadline?: string | null;
            /** @description Checked for personal details: it goes in the email */
            subject?: string | null;
            /** @description The person the message is about, if any */
            personId?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              warnings: components["schemas"]["MessageWarning"][];
            };
          };
        };
      };
    };
  };
  "/api/messages": {
    /** Messages: open, awaiting acknowledgement, awaiting response, overdue, escalated, or all */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          view?: "open" | "awaiting_acknowledgement" | "awaiting_response" | "overdue" | "escalated" | "all";
          personId?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["MessageSummary"][];
            };
          };
        };
      };
    };
    /**
     * Send a message to a partner contact
     * @description A request must have a summary saying when, the impact, the mitigations in place, the ask and its type, and a deadline; the send is refused with field errors when any is missing. A message about a person passes the sharing gate for its categories first: refused, nothing is sent (403 with the reasons). The contact is emailed a secure link; the link is also returned once, here.
     */
    post: {
      requestBody: {
        content: {
          "application/json": components["schemas"]["SendMessageInput"];
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["SentMessage"];
          };
        };
      };
    };
  };
  "/api/messages/{id}": {
    /** A message with its thread, escalation steps and links (audited) */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["MessageDetail"];
          };
        };
      };
    };
  };
  "/api/messages/{id}/contacts": {
    /**
     * Log a phone call or a reply that came another way
     * @description With an outcome, the request moves on as if the partner had used the link. With isAdvice, the advice is recorded; advice not given in writing is followed by a request for written confirmation.
     */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /**
             * @description A phone call, or a reply that came another way
             * @enum {string}
             */
            kind: "call" | "reply";
            /** @enum {string} */
            how: "email" | "phone" | "in_person" | "letter" | "meeting" | "other";
            /**
             * @default from_partner
             * @enum {string}
             */
            direction?: "from_partner" | "to_partner";
            /** @description Who you spoke to or heard from */
            partnerName: string;
            partnerRole?: string | null;
            /** @description What was said */
            summary: string;
            /**
             * Format: date-time
             * @description When the call or reply happened
             */
            occurredAt: string;
            /**
             * @description What the call or reply amounts to on the request
             * @default none
             * @enum {string}
             */
            outcome?: "none" | "acknowledged" | "accepted" | "declined" | "responded" | "done";
            declineReason?: string | null;
            /**
             * @description The partner gave advice or instructions: record it
             * @default false
             */
            isAdvice?: boolean;
            /** @description With isAdvice: the advice itself, in the adviser’s words */
            advice?: string | null;
            /** @description With isAdvice: who gave it, from the register (the same partner organisation). Written confirmation is asked of them; without it, of the contact the message was sent to */
            adviserContactId?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["MessageDetail"];
          };
        };
      };
    };
  };
  "/api/messages/{id}/close": {
    /** Close the message; any escalation still pending stops */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            note?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["MessageDetail"];
          };
        };
      };
    };
  };
  "/api/messages/{id}/withdraw": {
    /** Withdraw the message: its links stop working and its escalation ends */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["MessageDetail"];
          };
        };
      };
    };
  };
  "/api/messages/{id}/links": {
    /** Email the contact a new secure link */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["SentMessage"];
          };
        };
      };
    };
  };
  "/api/messages/{id}/links/{linkId}/revoke": {
    /** Stop one link working */
    post: {
      parameters: {
        path: {
          id: string;
          linkId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["MessageDetail"];
          };
        };
      };
    };
  };
  "/api/messages/{id}/links/{linkId}/handed-over": {
    /**
     * Record that the link was given to the partner another way
     * @description When no email carried the link (no mail server, or the partner asked by phone). A disclosure like an email: the sharing gate is asked now for the link’s contact; refused, 403 with the reasons.
     */
    post: {
      parameters: {
        path: {
          id: string;
          linkId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /**
             * @description How the link was given to the partner, when email could not carry it
             * @enum {string}
             */
            how: "by_phone" | "in_person" | "by_own_secure_email" | "other";
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["MessageDetail"];
          };
        };
      };
    };
  };
  "/api/partner/message": {
    /** The message this link was sent with, and its thread */
    get: {
      parameters: {
        header?: {
          /** @description The token from the secure link (after #) */
          "x-partner-link"?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerView"];
          };
        };
      };
    };
  };
  "/api/partner/message/acknowledge": {
    /** Acknowledge receipt */
    post: {
      parameters: {
        header?: {
          /** @description The token from the secure link (after #) */
          "x-partner-link"?: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @description Your name */
            name: string;
            /** @description Your job title or role */
            role?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerView"];
          };
        };
      };
    };
  };
  "/api/partner/message/accept": {
    /** Accept the request */
    post: {
      parameters: {
        header?: {
          /** @description The token from the secure link (after #) */
          "x-partner-link"?: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @description Your name */
            name: string;
            /** @description Your job title or role */
            role?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerView"];
          };
        };
      };
    };
  };
  "/api/partner/message/decline": {
    /** Decline the request, with a reason */
    post: {
      parameters: {
        header?: {
          /** @description The token from the secure link (after #) */
          "x-partner-link"?: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @description Your name */
            name: string;
            /** @description Your job title or role */
            role?: string | null;
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerView"];
          };
        };
      };
    };
  };
  "/api/partner/message/respond": {
    /** Respond: an answer, a decision, advice, or that the action is done */
    post: {
      parameters: {
        header?: {
          /** @description The token from the secure link (after #) */
          "x-partner-link"?: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @description Your name */
            name: string;
            /** @description Your job title or role */
            role?: string | null;
            /**
             * @description done: the action asked for is done
             * @enum {string}
             */
            kind: "answer" | "decision" | "advice" | "done";
            response: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartnerView"];
          };
        };
      };
    };
  };
  "/api/attention": {
    /**
     * "Needs attention": escalations to managers, calls to make, emails that failed, triggers met
     * @description The registered manager and managers see every item; a care worker sees the items addressed to them (on messages they sent). An item names what it is about; opening that record is decided by its own page.
     */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          open?: "true" | "false";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["AttentionItem"][];
            };
          };
        };
      };
    };
  };
  "/api/attention/{id}/resolve": {
    /** Mark an item dealt with */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            note?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          content: never;
        };
      };
    };
  };
  "/api/outbox": {
    /**
     * Every email in the organisation's outbox and where it is; whether a mail server is set up
     * @description Newest first. Never the bodies or the links the emails carry. Without a mail server (SMTP_HOST) nothing is sent: emails wait here.
     */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          /** @description Only the emails in this state; every email when absent */
          state?: "waiting" | "sent" | "failed" | "held";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Outbox"];
          };
        };
      };
    };
  };
  "/api/escalation-routes": {
    /** The organisation's escalation route for each kind of message and urgency */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["EscalationRouteSetting"][];
            };
          };
        };
      };
    };
  };
  "/api/escalation-routes/{template}/{urgency}": {
    /**
     * Set the route for one kind of message and urgency (messages already sent keep theirs)
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`.
     */
    put: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          template: "incident_update" | "request_decision" | "request_resource" | "request_advice" | "request_action" | "safeguarding" | "meeting_request";
          urgency: "urgent" | "routine";
        };
      };
      requestBody: {
        content: {
          "application/json": {
            route: components["schemas"]["EscalationRouteInput"];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["EscalationRouteSetting"];
          };
        };
      };
    };
    /**
     * Go back to the default route for one kind of message and urgency
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`.
     */
    delete: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          template: "incident_update" | "request_decision" | "request_resource" | "request_advice" | "request_action" | "safeguarding" | "meeting_request";
          urgency: "urgent" | "routine";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["EscalationRouteSetting"];
          };
        };
      };
    };
  };
  "/api/people/{id}/advice": {
    /** Advice about the person, with how it was confirmed and applied (audited) */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["Advice"][];
            };
          };
        };
      };
    };
  };
  "/api/advice/awaiting-confirmation": {
    /** Advice not yet confirmed in writing, oldest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["Advice"][];
            };
          };
        };
      };
    };
  };
  "/api/advice/{id}/confirmation": {
    /** Record written confirmation that arrived another way (a letter, an email) */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /**
             * @description How the written confirmation arrived
             * @enum {string}
             */
            how: "email" | "letter" | "other";
            note?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Advice"];
          };
        };
      };
    };
  };
  "/api/advice/{id}": {
    /** One piece of advice */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Advice"];
          };
        };
      };
    };
  };
  "/api/people/{id}/care-plan-amendments": {
    /** Changes to the person's care plan and why (audited) */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["CarePlanAmendment"][];
            };
          };
        };
      };
    };
    /** Record a change to the person's care plan, and the advice it applies */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @description The advice this amendment applies, if any */
            adviceId?: string | null;
            whatChanged: string;
            why: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              /** Format: uuid */
              id: string;
            };
          };
        };
      };
    };
  };
  "/api/incidents": {
    /** Incidents, newest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          status?: "open" | "closed" | "all";
          /** @description Only incidents that affect this person */
          personId?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["Incident"][];
            };
          };
        };
      };
    };
    /** Open an incident */
    post: {
      requestBody: {
        content: {
          "application/json": components["schemas"]["CreateIncidentInput"];
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["Incident"];
          };
        };
      };
    };
  };
  "/api/incidents/{id}": {
    /**
     * One incident
     * @description The `ETag` header is the record’s version, like `"3"`: send it back in `If-Match` to change the record.
     */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Incident"];
          };
        };
      };
    };
    /**
     * Change the incident (title, summary, severity, end, lead, partner liaison, route)
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`.
     */
    patch: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            title?: string;
            summary?: string;
            severity?: components["schemas"]["IncidentSeverityInput"];
            endedAt?: string | null;
            locations?: string[];
            /** Format: uuid */
            leadId?: string;
            /** Format: uuid */
            partnerLiaisonId?: string;
            escalationRoute?: components["schemas"]["EscalationRouteInput"] | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Incident"];
          };
        };
      };
    };
  };
  "/api/incidents/{id}/people": {
    /** The people affected, highest risk first, with the reasons */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["AffectedPerson"][];
            };
          };
        };
      };
    };
    /** Add the people at services or locations, or people one by one; each is ranked by risk */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @default [] */
            careServiceIds?: string[];
            /** @default [] */
            personIds?: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              added: number;
              people: components["schemas"]["AffectedPerson"][];
            };
          };
        };
      };
    };
  };
  "/api/incidents/{id}/people/{personId}/adjustment": {
    /** Adjust a person's risk level (with a reason) or set their interim observation plan */
    post: {
      parameters: {
        path: {
          id: string;
          personId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            level?: components["schemas"]["RiskLevelInput"];
            reason?: string | null;
            /** @description Interim observation and escalation thresholds, e.g. "check blood glucose at each visit; call the district nurse if above 15" */
            observationPlan?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["AffectedPerson"][];
            };
          };
        };
      };
    };
  };
  "/api/incidents/{id}/measures": {
    /** Interim measures, with owner and times */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["InterimMeasure"][];
            };
          };
        };
      };
    };
    /** Record an interim measure (room move, extra checks, equipment, alternative accommodation…) */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            kind: "room_move" | "additional_checks" | "temporary_equipment" | "alternative_accommodation_request" | "staffing_cover" | "other";
            description: string;
            personId?: string | null;
            /**
             * Format: uuid
             * @description The member of staff responsible
             */
            ownerId: string;
            /** Format: date-time */
            startsAt: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["InterimMeasure"];
          };
        };
      };
    };
  };
  "/api/incidents/{id}/measures/{measureId}/end": {
    /** Record when an interim measure ended */
    post: {
      parameters: {
        path: {
          id: string;
          measureId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** Format: date-time */
            endedAt: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["InterimMeasure"];
          };
        };
      };
    };
  };
  "/api/incidents/{id}/records": {
    /** The decision log, readings, hazards and notes */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["IncidentRecord"][];
            };
          };
        };
      };
    };
    /**
     * Record a decision (managers), or a reading, hazard or note
     * @description Decisions record who and when (from the session), the evidence, the rationale and the advice relied on. Records are never edited: record a new one.
     */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": OneOf<[{
            /** @enum {string} */
            kind: "decision";
            /** Format: date-time */
            occurredAt: string;
            decision: string;
            evidence: string;
            rationale: string;
            /** @default [] */
            adviceIds?: string[];
          }, {
            /** @enum {string} */
            kind: "reading" | "hazard";
            /** Format: date-time */
            occurredAt: string;
            location: string;
            /** @description What was measured, e.g. "room temperature" */
            measure?: string | null;
            value?: number | null;
            /** @description e.g. "°C" */
            unit?: string | null;
            note?: string | null;
          }, {
            /** @enum {string} */
            kind: "note";
            /** Format: date-time */
            occurredAt: string;
            note: string;
          }]>;
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["IncidentRecord"];
          };
        };
      };
    };
  };
  "/api/incidents/{id}/proposed-messages": {
    /** The partner updates and requests the incident needs, prefilled, for review before sending */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ProposedMessage"][];
            };
          };
        };
      };
    };
  };
  "/api/incidents/{id}/messages": {
    /** Send a message from the incident: the gate, the message rules and the incident's route apply */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["SendMessageInput"];
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["SentMessage"];
          };
        };
      };
    };
  };
  "/api/incidents/{id}/timeline": {
    /** Everything on the incident in order: records, measures, messages, replies, escalations, decisions */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          /** @description Only entries of this kind, e.g. message.sent */
          kind?: "incident.started" | "incident.ended" | "incident.closed" | "person.added" | "person.risk_adjusted" | "measure.started" | "measure.ended" | "decision" | "reading" | "hazard" | "note" | "gate_refusal" | "message.sent" | "message.emailed" | "message.email_failed" | "message.acknowledged" | "message.accepted" | "message.declined" | "message.responded" | "message.done" | "message.call_logged" | "message.reply_logged" | "message.note" | "message.escalated" | "message.link_issued" | "message.link_revoked" | "message.withdrawn" | "message.closed" | "message.advice_recorded" | "message.confirmation_requested" | "message.confirmation_received" | "message.email_held" | "message.link_handed_over" | "message.sharing_ended" | "message.share_refused";
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["IncidentTimelineEntry"][];
            };
          };
        };
      };
    };
  };
  "/api/incidents/{id}/close": {
    /** Close the incident; its review is generated from the records */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /**
             * Format: date-time
             * @description When the disruption ended; defaults to the recorded end, or now
             */
            endedAt?: string;
            findings?: string | null;
            /** @description True to close while interim measures are still in place or proposed partner updates are unsent; without it such a close is refused (400) saying what is outstanding */
            confirmOutstanding?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["IncidentReview"];
          };
        };
      };
    };
  };
  "/api/incidents/{id}/review": {
    /** The post-incident review (a preview while the incident is open) */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["IncidentReview"];
          };
        };
      };
    };
  };
  "/api/incidents/{id}/findings": {
    /** Record the lead's findings */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            findings: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["IncidentReview"];
          };
        };
      };
    };
  };
  "/api/incidents/{id}/learning-actions": {
    /** Add a learning action with an owner and due date */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            action: string;
            /** Format: uuid */
            ownerId: string;
            /** Format: date */
            dueOn: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": ({
                /** Format: uuid */
                id: string;
                action: string;
                owner: string;
                /** Format: uuid */
                ownerId: string;
                dueOn: string;
                doneAt: string | null;
              })[];
          };
        };
      };
    };
  };
  "/api/incidents/{id}/learning-actions/{actionId}/done": {
    /** Mark a learning action done */
    post: {
      parameters: {
        path: {
          id: string;
          actionId: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": ({
                /** Format: uuid */
                id: string;
                action: string;
                owner: string;
                /** Format: uuid */
                ownerId: string;
                dueOn: string;
                doneAt: string | null;
              })[];
          };
        };
      };
    };
  };
  "/api/incidents/{id}/review.html": {
    /** The review as a web page, for governance meetings (audited) */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": unknown;
          };
        };
      };
    };
  };
  "/api/incidents/{id}/review.pdf": {
    /** The review as a PDF, for governance meetings (audited) */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": unknown;
          };
        };
      };
    };
  };
  "/api/incident-risk-points": {
    /**
     * The risk points table that ranks the people an incident affects (or an earlier version)
     * @description The `ETag` header is the record’s version, like `"3"`: send it back in `If-Match` to change the record.
     */
    get: {
      parameters: {
        query?: {
          /** @description An earlier version of the table; left out, the one in force */
          version?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["IncidentRiskPoints"];
          };
        };
      };
    };
    /**
     * Set the organisation's risk points table, as a new version (people already ranked keep theirs)
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`.
     */
    put: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["SetIncidentRiskPointsInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["IncidentRiskPoints"];
          };
        };
      };
    };
  };
  "/api/people/{id}/chronology": {
    /**
     * The person’s chronology from every record, newest first (audited)
     * @description Partner message threads about the person, incidents they were affected by, consent and capacity decisions, advice, safeguarding shares and safeguarding concern entries, merged in time order. Paged: pass `nextBefore` as `before` for older entries.
     */
    get: {
      parameters: {
        query?: {
          /** @description Only entries that happened at or after this moment */
          from?: string;
          /** @description Only entries that happened before this moment */
          to?: string;
          /** @description The `nextBefore` of the previous page: the next page continues from there */
          before?: string;
          /** @description Entries per page, at most 500 */
          limit?: number;
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ChronologyPage"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns": {
    /** Concerns in full detail: open, overdue for decision, triggers met, restrictions past review (audited) */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          view?: "open" | "overdue_for_decision" | "triggers_met" | "restrictions_past_review" | "not_referred" | "all";
          personId?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ConcernListItem"][];
            };
          };
        };
      };
    };
    /**
     * Raise a safeguarding concern
     * @description Any member of staff who supports people may raise one. The answer is the summary.
     */
    post: {
      requestBody: {
        content: {
          "application/json": components["schemas"]["RaiseConcernInput"];
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": components["schemas"]["ConcernSummary"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concern-summaries": {
    /** Open concerns as staff who need to know see them: the summary, status and dates (audited) */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          personId?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ConcernSummary"][];
            };
          };
        };
      };
    };
  };
  "/api/safeguarding/counts": {
    /** How many concerns are open, overdue for decision, with a trigger met or a restriction past review */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ConcernCounts"];
          };
        };
      };
    };
  };
  "/api/safeguarding/patterns": {
    /** Low-level and not-referred concerns that recur about one person or one alleged source */
    get: {
      parameters: {
        query?: {
          sinceDays?: number;
          minimum?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ConcernPatterns"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}": {
    /**
     * A concern in full: details, advice and referral, plans, triggers, restrictions (audited)
     * @description Managers, the registered manager and the auditor. Others read the summary. The `ETag` header is the record’s version, like `"3"`: send it back in `If-Match` to change the record.
     */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
    /**
     * Change the level (with a reason, into the chronology), the need-to-know summary or details
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`.
     */
    patch: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["UpdateConcernInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/summary": {
    /** The need-to-know summary of a concern (audited) */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ConcernSummary"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/status": {
    /** Move the concern on: triage, advice sought, referred, not referred (with the reason), enquiry, plan */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["ChangeConcernStatusInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/close": {
    /** Close with the risk outcome and the manager’s sign-off with lessons learnt */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["CloseConcernInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/advocacy": {
    /** Record advocacy offered, accepted (with the advocate) or declined */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["RecordAdvocacyInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/advice": {
    /** Record threshold advice: who, the local guidance applied, the advice, how applied */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["RecordThresholdAdviceInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/decision": {
    /** Record the local authority’s decision on the section 42 referral, in its terms */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["RecordLocalAuthorityDecisionInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/plans": {
    /** Add a safe-contact plan with its review date */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["AddSafeContactPlanInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/triggers": {
    /** Add a review trigger: a count of entries of given kinds within a window, or any single one */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["AddReviewTriggerInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/restrictions": {
    /** Record an interim restriction with its legal basis and a review date within a month */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["AddInterimRestrictionInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/entries": {
    /**
     * Add an entry to the concern’s chronology
     * @description Entries are never changed or deleted: to put one right, add a new entry naming it in `corrects`. An entry can meet the concern’s review triggers, which then raise an alert for managers.
     */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["AddConcernEntryInput"];
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              entry: components["schemas"]["ConcernEntry"];
              /** @description Triggers this entry met */
              triggersMet: string[];
            };
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/chronology": {
    /** The concern’s chronology: its entries merged with its messages, advice and shares (audited) */
    get: {
      parameters: {
        query?: {
          /** @description Only entries that happened at or after this moment */
          from?: string;
          /** @description Only entries that happened before this moment */
          to?: string;
          /** @description The `nextBefore` of the previous page: the next page continues from there */
          before?: string;
          /** @description Entries per page, at most 500 */
          limit?: number;
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ConcernChronologyPage"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/related": {
    /** Concerns about the same adult, the same alleged source or the same place (audited) */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  /** Format: uuid */
                  id: string;
                  /** Format: uuid */
                  personId: string;
                  personName: string;
                  /** @description The short summary a manager wrote for staff who need to know; null until written */
                  needToKnow: string | null;
                  status: components["schemas"]["ConcernStatus"];
                  /** Format: date-time */
                  raisedAt: string;
                  /** Format: date-time */
                  updatedAt: string;
                  closedAt: string | null;
                  category: components["schemas"]["AbuseCategory"];
                  level: components["schemas"]["ConcernLevel"];
                  relatedBy: ("same_person" | "same_source" | "same_location")[];
                })[];
            };
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/referral-draft": {
    /** The section 42 referral prefilled from the records, for the manager to check (audited) */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Section42ReferralDraft"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/advice-requests": {
    /**
     * Seek threshold advice from the named safeguarding link, through the sharing gate
     * @description A safeguarding message with a deadline and the escalation route; refused by the gate → 403 with its reasons.
     */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["RequestThresholdAdviceInput"];
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              /** Format: uuid */
              messageId: string;
              /** @description When the answer is due; chased after it */
              deadline: string | null;
              /** @description The partner’s secure link, shown once */
              partnerLink: string;
              /**
               * Format: uuid
               * @description The link, to record that it was handed to the partner another way
               */
              partnerLinkId: string;
              /** @description Who the message went to */
              partnerContactName: string;
              /** @enum {string} */
              emailState: "queued" | "no_mail_server";
            };
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/referral": {
    /**
     * Send the checked section 42 referral to the local authority, through the sharing gate
     * @description The decision is due after the organisation’s working days (2 unless set) and is chased when it does not come.
     */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["SendSection42ReferralInput"];
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          content: {
            "application/json": {
              /** Format: uuid */
              messageId: string;
              /** @description When the answer is due; chased after it */
              deadline: string | null;
              /** @description The partner’s secure link, shown once */
              partnerLink: string;
              /**
               * Format: uuid
               * @description The link, to record that it was handed to the partner another way
               */
              partnerLinkId: string;
              /** @description Who the message went to */
              partnerContactName: string;
              /** @enum {string} */
              emailState: "queued" | "no_mail_server";
            };
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/export": {
    /**
     * The chronology for a multi-agency meeting or Safeguarding Adults Review, as HTML or PDF
     * @description For another agency this is a share: the sharing gate is asked (moment export) and a refusal is 403 with its reasons. With no recipient (staff only) it is audited. Needs a recent sign-in (403 reauthentication_required otherwise), and is refused to API tokens.
     */
    post: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["ExportConcernChronologyInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": unknown;
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/plans/{childId}/end": {
    /** End a safe-contact plan */
    post: {
      parameters: {
        path: {
          id: string;
          childId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/triggers/{childId}/end": {
    /** Stop a review trigger */
    post: {
      parameters: {
        path: {
          id: string;
          childId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": Record<string, never>;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/restrictions/{childId}/reviews": {
    /** Record a restriction’s review (monthly, even when unused); continuing sets the next review date */
    post: {
      parameters: {
        path: {
          id: string;
          childId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["ReviewInterimRestrictionInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/restrictions/{childId}/end": {
    /** End a restriction, with the reason */
    post: {
      parameters: {
        path: {
          id: string;
          childId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/concerns/{id}/alerts/{childId}/resolve": {
    /** Mark an item needing attention as dealt with */
    post: {
      parameters: {
        path: {
          id: string;
          childId: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            note?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Concern"];
          };
        };
      };
    };
  };
  "/api/safeguarding/restrictions": {
    /** The interim restrictions register: current, past their review date, or all (audited) */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          view?: "current" | "past_review" | "all";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["InterimRestriction"][];
            };
          };
        };
      };
    };
  };
  "/api/safeguarding/settings": {
    /** The safeguarding settings */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["SafeguardingSettings"];
          };
        };
      };
    };
    /**
     * Set the local authority’s decision time (working days) and the named safeguarding link
     * @description Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`. Before the settings are first saved they are the defaults, at version 1.
     */
    put: {
      parameters: {
        header: {
          /** @description The ETag you got when you loaded the record, like "3" (a strong tag: its version). */
          "if-match": string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["ChangeSafeguardingSettingsInput"];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["SafeguardingSettings"];
          };
        };
      };
    };
  };
  "/api/home/work": {
    /**
     * What needs you: each kind of work with how many, and the most urgent few (audited)
     * @description Gathered for your organisation and role. A care worker sees the messages they sent, the actions they lead, open incidents and consent and capacity reviews; managers and the registered manager see the whole organisation, with safeguarding (concerns overdue for a decision or with a review trigger met, interim restrictions and authorisations to review) and partner contacts to check; the auditor sees what a manager sees, read-only; an admin, the partner contacts to check. Reviews show 14 days before they are due, actions 7.
     */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["HomeWork"];
          };
        };
      };
    };
  };
}

export type webhooks = Record<string, never>;

export interface components {
  schemas: {
    /** @description RFC 9457 problem details */
    ProblemInput: {
      type: string;
      title: string;
      status: number;
      detail: string;
      instance?: string;
      requestId: string;
      errors?: {
          field: string;
          message: string;
        }[];
      code?: string;
      /** @enum {string} */
      signInStep?: "second_factor" | "enrolment";
    };
    /**
     * @description care_worker, manager, registered_manager, auditor (read-only) or admin
     * @enum {string}
     */
    StaffRoleInput: "care_worker" | "manager" | "registered_manager" | "auditor" | "admin";
    StaffUserInput: {
      /** Format: uuid */
      id: string;
      email: string;
      displayName: string;
      role: components["schemas"]["StaffRoleInput"];
      disabled: boolean;
      awaitingSetUp: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    ColleagueInput: {
      /** Format: uuid */
      id: string;
      displayName: string;
      role: components["schemas"]["StaffRoleInput"];
      /** @description false once their account is disabled: still named for what they did, no longer an owner */
      current: boolean;
    };
    SetUpLinkInput: {
      url: string;
      /** Format: date-time */
      expiresAt: string;
    };
    CreatedStaffUserInput: {
      /** Format: uuid */
      id: string;
      email: string;
      displayName: string;
      role: components["schemas"]["StaffRoleInput"];
      disabled: boolean;
      awaitingSetUp: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
      setUpLink: components["schemas"]["SetUpLinkInput"];
    };
    AccountToSetUpInput: {
      displayName: string;
      email: string;
      organisationName: string;
      /** Format: date-time */
      expiresAt: string;
    };
    PasswordResetRequestedInput: {
      detail: string;
    };
    /**
     * @description The kind of partner organisation or contact, and the role a contact holds for a person
     * @enum {string}
     */
    PartnerTypeInput: "advocate" | "social_worker" | "occupational_therapist" | "gp" | "district_nurse" | "community_nurse" | "psychiatrist" | "psychologist" | "physiotherapist" | "consultant" | "dietician" | "speech_and_language_therapist" | "dentist" | "volunteer_or_community_group" | "housing" | "safeguarding_team" | "police" | "commissioner" | "regulator" | "external_care_provider" | "other";
    /** @enum {string} */
    ChannelKindInput: "phone" | "email" | "secure_email" | "duty_line" | "out_of_hours_line" | "portal" | "other";
    /** @enum {string} */
    ChannelUrgencyInput: "urgent" | "routine" | "out_of_hours";
    /** @description When a channel is staffed, in UK local time (Europe/London): "24/7", or weekday names (monday…sunday) mapped to "HH:MM-HH:MM" spans (24:00 is midnight at the end of the day). A weekday left out is not staffed. */
    WeeklyHoursInput: "24/7" | {
      monday?: string[];
      tuesday?: string[];
      wednesday?: string[];
      thursday?: string[];
      friday?: string[];
      saturday?: string[];
      sunday?: string[];
    };
    PartnerRegisterImportReportInput: {
      /** @constant */
      imported: true;
      rows: number;
      organisationsCreated: number;
      organisationsMatched: number;
      contactsCreated: number;
      channelsCreated: number;
    };
    PartnerChannelInput: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      whose: "contact" | "organisation";
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerContactId: string | null;
      kind: components["schemas"]["ChannelKindInput"];
      value: string;
      label: string | null;
      urgencies: components["schemas"]["ChannelUrgencyInput"][];
      hours: "24/7" | {
        monday?: string[];
        tuesday?: string[];
        wednesday?: string[];
        thursday?: string[];
        friday?: string[];
        saturday?: string[];
        sunday?: string[];
      };
      staffedOnBankHolidays: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    PartnerOrganisationInput: {
      /** Format: uuid */
      id: string;
      name: string;
      type: components["schemas"]["PartnerTypeInput"];
      odsCode: string | null;
      address: string | null;
      notes: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    PartnerOrganisationWithChannelsInput: {
      /** Format: uuid */
      id: string;
      name: string;
      type: components["schemas"]["PartnerTypeInput"];
      odsCode: string | null;
      address: string | null;
      notes: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
      channels: components["schemas"]["PartnerChannelInput"][];
    };
    PartnerContactInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      name: string;
      jobTitle: string | null;
      type: components["schemas"]["PartnerTypeInput"];
      email: string | null;
      phone: string | null;
      notes: string | null;
      lastVerifiedAt: string | null;
      lastVerifiedBy: string | null;
      verificationDueAt: string | null;
      /** @description Not verified within your organisation’s verification period */
      isStale: boolean;
      endedAt: string | null;
      endedReason: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    PartnerContactWithChannelsInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      name: string;
      jobTitle: string | null;
      type: components["schemas"]["PartnerTypeInput"];
      email: string | null;
      phone: string | null;
      notes: string | null;
      lastVerifiedAt: string | null;
      lastVerifiedBy: string | null;
      verificationDueAt: string | null;
      /** @description Not verified within your organisation’s verification period */
      isStale: boolean;
      endedAt: string | null;
      endedReason: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
      channels: components["schemas"]["PartnerChannelInput"][];
    };
    ChannelNowInput: {
      /** Format: date-time */
      at: string;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      route: ({
        channel: components["schemas"]["PartnerChannelInput"];
        /** @enum {string} */
        whose: "contact" | "organisation";
        ownerName: string;
        outOfHours: boolean;
        /** @description Null when staffed around the clock */
        staffedUntil: string | null;
      }) | null;
      /** @description Why this channel, or why there is none, in plain English */
      reason: string;
      /** @description For a routine matter with no route: when one opens */
      nextStaffedAt: string | null;
    };
    /**
     * @description Who an escalation step reaches: a partner contact or channel, or a manager internally
     * @enum {string}
     */
    EscalationTargetInput: "remind_same_contact" | "next_contact" | "duty_or_out_of_hours_channel" | "senior_contact" | "internal_manager" | "internal_registered_manager";
    /** @description After the deadline (first step) or the previous step. Days are London calendar days; the next working morning is 09:00 on the next weekday that is not a bank holiday. */
    StepDelayInput: OneOf<[{
      /** @enum {string} */
      unit: "minutes" | "hours" | "days";
      amount: number;
    }, {
      /** @constant */
      unit: "next_working_morning";
    }]>;
    EscalationRouteInput: {
      steps: {
          delay: components["schemas"]["StepDelayInput"];
          target: components["schemas"]["EscalationTargetInput"];
          stopsOnAcknowledgement: boolean;
        }[];
      repeat: {
        lastSteps: number;
        times: number;
      } | null;
    };
    EscalationRouteSettingInput: {
      /** @enum {string} */
      template: "incident_update" | "request_decision" | "request_resource" | "request_advice" | "request_action" | "safeguarding" | "meeting_request";
      /** @enum {string} */
      urgency: "urgent" | "routine";
      route: components["schemas"]["EscalationRouteInput"];
      isDefault: boolean;
      /** @description Send it back in If-Match to change the route */
      version: number;
    };
    OutboxEmailInput: {
      /** Format: uuid */
      id: string;
      to: string;
      /**
       * @description waiting: in the outbox (for a mail server, or to be retried); held: never to be sent
       * @enum {string}
       */
      state: "waiting" | "sent" | "failed" | "held";
      /** @description Why it was held, or the last delivery error */
      why: string | null;
      queuedAt: string;
      sentAt: string | null;
      /** @description The email's subject line, which carries no personal details */
      subject: string;
      /** @description The record the email is about: a partner message, an incident, a safeguarding concern */
      about: ({
        /** @enum {string} */
        type: "partner_message" | "incident" | "concern";
        /** Format: uuid */
        id: string;
        title: string;
        /** @description Where staff open it; null when it no longer exists */
        webPath: string | null;
      }) | null;
      /** @description How many times Liaison has tried to hand it to the mail server */
      attempts: number;
      /** @description For an email waiting: when it is next tried */
      nextAttemptAt: string | null;
    };
    OutboxInput: {
      /** @description false: no mail server is set up (SMTP_HOST); emails wait in the outbox and are not sent */
      mailServerConfigured: boolean;
      items: components["schemas"]["OutboxEmailInput"][];
    };
    /**
     * @description Why the information is shared
     * @enum {string}
     */
    SharingPurposeInput: "care_coordination" | "health_monitoring" | "assessment" | "safeguarding" | "housing" | "advocacy";
    /**
     * @description A kind of information about a person; a share names every kind it contains
     * @enum {string}
     */
    InformationCategoryInput: "identity" | "health" | "care_plan" | "risk" | "safeguarding" | "finances";
    /**
     * @description The confidentiality basis the sharing gate decided on
     * @enum {string}
     */
    ShareBasisInput: "consent" | "representative_consent" | "best_interests" | "safeguarding";
    /** @enum {string} */
    Article6ConditionInput: "6(1)(a) consent" | "6(1)(b) contract" | "6(1)(c) legal obligation" | "6(1)(d) vital interests" | "6(1)(e) public task" | "6(1)(f) legitimate interests";
    /** @enum {string} */
    Article9ConditionInput: "9(2)(a) explicit consent" | "9(2)(b) employment and social protection" | "9(2)(c) vital interests" | "9(2)(g) substantial public interest" | "9(2)(h) health or social care";
    /** @enum {string} */
    Dpa2018ConditionInput: "Schedule 1 paragraph 18 safeguarding of children and individuals at risk" | "Schedule 1 paragraph 6 statutory and government purposes";
    /**
     * @description Whether the record is in force now
     * @enum {string}
     */
    SharingRecordStatusInput: "in_force" | "withdrawn" | "lapsed" | "review_overdue" | "not_yet" | "revoked" | "expired";
    ShareRefusalReasonInput: {
      /** @enum {string} */
      code: "no_consent_in_scope" | "consent_withdrawn" | "consent_expired" | "consent_not_yet_given" | "purpose_out_of_scope" | "categories_out_of_scope" | "consent_given_while_lacking_capacity" | "capacity_not_assessed" | "capacity_assessment_overdue" | "person_has_capacity" | "representative_lacks_authority" | "representative_ended" | "lpa_not_registered" | "no_best_interests_decision" | "best_interests_against" | "best_interests_overdue" | "representative_must_decide" | "safeguarding_not_authorised" | "safeguarding_authorisation_expired" | "safeguarding_authorisation_revoked" | "safeguarding_categories_not_authorised";
      message: string;
      recordType?: string;
      /** Format: uuid */
      recordId?: string;
    };
    /** @description The UK GDPR conditions relied on (separate from consent) */
    LawfulBasisInput: {
      article6: components["schemas"]["Article6ConditionInput"];
      article9: components["schemas"]["Article9ConditionInput"];
      dpa2018: components["schemas"]["Dpa2018ConditionInput"] | null;
    };
    ShareDecisionInput: {
      allowed: boolean;
      basis: components["schemas"]["ShareBasisInput"] | null;
      record: ({
        /** @enum {string} */
        type: "consent_record" | "best_interests_decision" | "safeguarding_authorisation";
        /** Format: uuid */
        id: string;
      }) | null;
      /** @description The answer in plain English */
      explanation: string;
      reasons: components["schemas"]["ShareRefusalReasonInput"][];
      lawfulBasis: components["schemas"]["LawfulBasisInput"] | null;
      recipient: {
        /** Format: uuid */
        partnerOrganisationId: string;
        partnerOrganisationName: string;
        partnerContactId: string | null;
        partnerContactName: string | null;
      };
      /** @description The information sharing agreement with the recipient’s organisation that covers this, if any */
      agreement: ({
        /** Format: uuid */
        id: string;
        title: string;
        reference: string | null;
      }) | null;
    };
    ShareLogEntryInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      partnerContactId: string | null;
      partnerContactName: string | null;
      purpose: components["schemas"]["SharingPurposeInput"];
      categories: components["schemas"]["InformationCategoryInput"][];
      /** @enum {string} */
      outcome: "allowed" | "refused";
      basis: components["schemas"]["ShareBasisInput"] | null;
      basisRecordType: ("consent_record" | "best_interests_decision" | "safeguarding_authorisation") | null;
      basisRecordId: string | null;
      reasons: components["schemas"]["ShareRefusalReasonInput"][];
      lawfulBasis: components["schemas"]["LawfulBasisInput"] | null;
      /** @enum {string} */
      delivery: "recorded" | "queued" | "emailed" | "link" | "handed_over" | "exported";
      description: string | null;
      /** @description Who shared or tried to share */
      sharedBy: string;
      /** Format: date-time */
      occurredAt: string;
      queueStatus: ("queued" | "sent" | "held" | "cancelled") | null;
    };
    ShareRefusedProblemInput: {
      type: string;
      title: string;
      status: number;
      detail: string;
      instance?: string;
      requestId: string;
      errors?: {
          field: string;
          message: string;
        }[];
      code?: string;
      /** @enum {string} */
      signInStep?: "second_factor" | "enrolment";
      reasons?: components["schemas"]["ShareRefusalReasonInput"][];
      /** Format: uuid */
      shareId?: string;
    };
    HeldShareInput: {
      /** Format: uuid */
      shareId: string;
      /** Format: uuid */
      personId: string;
      personName: string;
      partnerOrganisationName: string;
      partnerContactName: string | null;
      purpose: components["schemas"]["SharingPurposeInput"];
      categories: components["schemas"]["InformationCategoryInput"][];
      heldReason: string | null;
      heldAt: string | null;
      /** @enum {string} */
      status: "queued" | "sent" | "held" | "cancelled";
    };
    InformationSharingAgreementInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      title: string;
      reference: string | null;
      purposes: components["schemas"]["SharingPurposeInput"][];
      categories: components["schemas"]["InformationCategoryInput"][];
      startsOn: string;
      endsOn: string | null;
      notes: string | null;
      inForce: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    LawfulBasisDefaultInput: {
      article6: components["schemas"]["Article6ConditionInput"];
      article9: components["schemas"]["Article9ConditionInput"];
      dpa2018: components["schemas"]["Dpa2018ConditionInput"] | null;
      purpose: components["schemas"]["SharingPurposeInput"];
      updatedAt: string | null;
    };
    /**
     * @description request (for a decision, resource, advice or action), safeguarding (consultation or referral), meeting_request, incident_update, or update (informs only; no deadline or escalation)
     * @enum {string}
     */
    MessageTemplateInput: "request" | "safeguarding" | "meeting_request" | "incident_update" | "update";
    /**
     * @description What a request asks for
     * @enum {string}
     */
    AskTypeInput: "decision" | "resource" | "advice" | "action";
    /**
     * @description sent → acknowledged → accepted or declined → responded or done → closed; or withdrawn
     * @enum {string}
     */
    MessageStatusInput: "sent" | "acknowledged" | "accepted" | "declined" | "responded" | "done" | "closed" | "withdrawn";
    /** @enum {string} */
    ReceivedHowInput: "partner_link" | "email" | "phone" | "in_person" | "letter" | "meeting" | "other";
    /** @description Something the writer may want to change; never refuses a send */
    MessageWarningInput: {
      code: string;
      field: string;
      explanation: string;
      span?: {
        start: number;
        end: number;
        text: string;
      };
      suggestion?: string;
    };
    SendMessageInput: {
      template: components["schemas"]["MessageTemplateInput"];
      askType?: components["schemas"]["AskTypeInput"] | null;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      /** Format: uuid */
      partnerOrganisationId: string;
      /**
       * Format: uuid
       * @description Who the message is addressed to; the link is emailed to them
       */
      partnerContactId: string;
      /** @description Who the "next contact" escalation step reaches */
      nextContactId?: string | null;
      /** @description Who the "senior contact" escalation step reaches */
      seniorContactId?: string | null;
      /** @description The person the message is about, if any */
      personId?: string | null;
      purpose?: components["schemas"]["SharingPurposeInput"] | null;
      /** @default [] */
      categories?: components["schemas"]["InformationCategoryInput"][];
      /** @description A short title, without personal details: it goes in the email */
      subject: string;
      /** @default */
      summary?: string;
      impact?: string | null;
      mitigations?: string | null;
      ask?: string | null;
      body?: string | null;
      deadline?: string | null;
      /** @description Leave out to use the organisation's route for this kind of message and urgency */
      escalationRoute?: components["schemas"]["EscalationRouteInput"] | null;
    };
    MessageEventInput: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: "sent" | "emailed" | "email_failed" | "acknowledged" | "accepted" | "declined" | "responded" | "done" | "call_logged" | "reply_logged" | "note" | "escalated" | "link_issued" | "link_revoked" | "withdrawn" | "closed" | "advice_recorded" | "confirmation_requested" | "confirmation_received" | "email_held" | "link_handed_over" | "sharing_ended" | "share_refused";
      /** @enum {string} */
      actorType: "user" | "api_token" | "partner" | "system";
      actorName: string | null;
      actorRole: string | null;
      how: components["schemas"]["ReceivedHowInput"] | null;
      text: string | null;
      details: {
        [key: string]: unknown;
      };
      occurredAt: string;
      recordedAt: string;
    };
    MessageSummaryInput: {
      /** Format: uuid */
      id: string;
      template: components["schemas"]["MessageTemplateInput"];
      askType: components["schemas"]["AskTypeInput"] | null;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      subject: string;
      status: components["schemas"]["MessageStatusInput"];
      personId: string | null;
      personName: string | null;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      /** Format: uuid */
      partnerContactId: string;
      partnerContactName: string;
      deadline: string | null;
      overdue: boolean;
      escalationStepsFired: number;
      sentAt: string;
      version: number;
    };
    MessageDetailInput: {
      /** Format: uuid */
      id: string;
      template: components["schemas"]["MessageTemplateInput"];
      askType: components["schemas"]["AskTypeInput"] | null;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      subject: string;
      status: components["schemas"]["MessageStatusInput"];
      personId: string | null;
      personName: string | null;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      /** Format: uuid */
      partnerContactId: string;
      partnerContactName: string;
      deadline: string | null;
      overdue: boolean;
      escalationStepsFired: number;
      sentAt: string;
      version: number;
      purpose: components["schemas"]["SharingPurposeInput"] | null;
      categories: components["schemas"]["InformationCategoryInput"][];
      shareId: string | null;
      summary: string;
      impact: string | null;
      mitigations: string | null;
      ask: string | null;
      body: string | null;
      sentBy: string;
      acknowledgedAt: string | null;
      acceptedAt: string | null;
      declinedAt: string | null;
      declineReason: string | null;
      respondedAt: string | null;
      doneAt: string | null;
      outcome: string | null;
      closedAt: string | null;
      withdrawnAt: string | null;
      withdrawnReason: string | null;
      confirmsAdviceId: string | null;
      /** @description The incident the message was sent from, if any */
      incidentId: string | null;
      /** @description The record the message was sent from (an incident, a safeguarding concern), if any */
      sentFrom: ({
        /** @enum {string} */
        type: "partner_message" | "incident" | "concern";
        title: string;
        webPath: string;
      }) | null;
      escalationRoute: components["schemas"]["EscalationRouteInput"] | null;
      steps: ({
          /** Format: uuid */
          id: string;
          index: number;
          target: components["schemas"]["EscalationTargetInput"];
          stopsOnAcknowledgement: boolean;
          plannedAt: string;
          /** @enum {string} */
          status: "pending" | "fired" | "cancelled";
          firedAt: string | null;
          cancelledReason: string | null;
        })[];
      links: ({
          /** Format: uuid */
          id: string;
          contactName: string | null;
          createdAt: string;
          expiresAt: string;
          revokedAt: string | null;
          lastUsedAt: string | null;
        })[];
      /** @description Every email about this message and where it is */
      emails: ({
          /** Format: uuid */
          id: string;
          to: string;
          /**
           * @description waiting: in the outbox (for a mail server, or to be retried); held: never to be sent
           * @enum {string}
           */
          state: "waiting" | "sent" | "failed" | "held";
          /** @description Why it was held, or the last delivery error */
          why: string | null;
          queuedAt: string;
          sentAt: string | null;
        })[];
      /** @description The basis the message rested on ended after it was delivered: its links show nothing any more */
      sharingEnded: {
        at: string;
        reason: string;
      } | null;
      events: components["schemas"]["MessageEventInput"][];
    };
    SentMessageInput: {
      /** Format: uuid */
      id: string;
      template: components["schemas"]["MessageTemplateInput"];
      askType: components["schemas"]["AskTypeInput"] | null;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      subject: string;
      status: components["schemas"]["MessageStatusInput"];
      personId: string | null;
      personName: string | null;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      /** Format: uuid */
      partnerContactId: string;
      partnerContactName: string;
      deadline: string | null;
      overdue: boolean;
      escalationStepsFired: number;
      sentAt: string;
      version: number;
      purpose: components["schemas"]["SharingPurposeInput"] | null;
      categories: components["schemas"]["InformationCategoryInput"][];
      shareId: string | null;
      summary: string;
      impact: string | null;
      mitigations: string | null;
      ask: string | null;
      body: string | null;
      sentBy: string;
      acknowledgedAt: string | null;
      acceptedAt: string | null;
      declinedAt: string | null;
      declineReason: string | null;
      respondedAt: string | null;
      doneAt: string | null;
      outcome: string | null;
      closedAt: string | null;
      withdrawnAt: string | null;
      withdrawnReason: string | null;
      confirmsAdviceId: string | null;
      /** @description The incident the message was sent from, if any */
      incidentId: string | null;
      /** @description The record the message was sent from (an incident, a safeguarding concern), if any */
      sentFrom: ({
        /** @enum {string} */
        type: "partner_message" | "incident" | "concern";
        title: string;
        webPath: string;
      }) | null;
      escalationRoute: components["schemas"]["EscalationRouteInput"] | null;
      steps: ({
          /** Format: uuid */
          id: string;
          index: number;
          target: components["schemas"]["EscalationTargetInput"];
          stopsOnAcknowledgement: boolean;
          plannedAt: string;
          /** @enum {string} */
          status: "pending" | "fired" | "cancelled";
          firedAt: string | null;
          cancelledReason: string | null;
        })[];
      links: ({
          /** Format: uuid */
          id: string;
          contactName: string | null;
          createdAt: string;
          expiresAt: string;
          revokedAt: string | null;
          lastUsedAt: string | null;
        })[];
      /** @description Every email about this message and where it is */
      emails: ({
          /** Format: uuid */
          id: string;
          to: string;
          /**
           * @description waiting: in the outbox (for a mail server, or to be retried); held: never to be sent
           * @enum {string}
           */
          state: "waiting" | "sent" | "failed" | "held";
          /** @description Why it was held, or the last delivery error */
          why: string | null;
          queuedAt: string;
          sentAt: string | null;
        })[];
      /** @description The basis the message rested on ended after it was delivered: its links show nothing any more */
      sharingEnded: {
        at: string;
        reason: string;
      } | null;
      events: components["schemas"]["MessageEventInput"][];
      /** @description The secure link for the partner, shown once so it can be given another way when email cannot carry it */
      partnerLink: string;
      /**
       * Format: uuid
       * @description The link, to record that it was handed to the partner another way
       */
      partnerLinkId: string;
      /**
       * @description queued: the email waits for the mail server (the gate is asked again as it leaves); no_mail_server: nothing was emailed, give the partner the link another way and record it
       * @enum {string}
       */
      emailState: "queued" | "no_mail_server";
    };
    PartnerViewInput: {
      /** @description The care provider that sent the message */
      organisationName: string;
      template: components["schemas"]["MessageTemplateInput"];
      askType: components["schemas"]["AskTypeInput"] | null;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      subject: string;
      summary: string;
      impact: string | null;
      mitigations: string | null;
      ask: string | null;
      body: string | null;
      personName: string | null;
      /** @description Who the message is about, so the partner can identify them: shared when identity is among the categories */
      person: ({
        fullName: string;
        knownAs: string | null;
        /** @description YYYY-MM-DD */
        dateOfBirth: string | null;
        nhsNumber: string | null;
      }) | null;
      deadline: string | null;
      status: components["schemas"]["MessageStatusInput"];
      sentAt: string;
      sentBy: string;
      addressedTo: string;
      canAcknowledge: boolean;
      canAcceptOrDecline: boolean;
      canRespond: boolean;
      thread: ({
          /** @enum {string} */
          kind: "sent" | "emailed" | "email_failed" | "acknowledged" | "accepted" | "declined" | "responded" | "done" | "call_logged" | "reply_logged" | "note" | "escalated" | "link_issued" | "link_revoked" | "withdrawn" | "closed" | "advice_recorded" | "confirmation_requested" | "confirmation_received" | "email_held" | "link_handed_over" | "sharing_ended" | "share_refused";
          who: string;
          how: components["schemas"]["ReceivedHowInput"] | null;
          text: string | null;
          at: string;
        })[];
      linkExpiresAt: string;
    };
    AdviceInput: {
      /** Format: uuid */
      id: string;
      personId: string | null;
      personName: string | null;
      messageId: string | null;
      messageSubject: string | null;
      partnerOrganisationName: string | null;
      givenByName: string;
      givenByRole: string | null;
      givenAt: string;
      receivedHow: components["schemas"]["ReceivedHowInput"];
      advice: string;
      inWriting: boolean;
      /** @enum {string} */
      confirmationStatus: "not_needed" | "requested" | "confirmed" | "not_requested";
      confirmationMessageId: string | null;
      /** @description The partner contact the request for written confirmation was sent to */
      confirmationRequestedFrom: string | null;
      confirmedAt: string | null;
      confirmedHow: ("partner_link" | "email" | "letter" | "other") | null;
      confirmationNote: string | null;
      appliedIn: {
          /** Format: uuid */
          id: string;
          whatChanged: string;
          why: string;
          madeAt: string;
        }[];
    };
    CarePlanAmendmentInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      personId: string;
      adviceId: string | null;
      adviceGivenBy: string | null;
      advice: string | null;
      whatChanged: string;
      why: string;
      madeBy: string;
      madeAt: string;
    };
    AttentionItemInput: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: "escalated_to_manager" | "escalated_to_registered_manager" | "call_partner" | "email_failed" | "no_route" | "share_refused" | "share_held" | "review_trigger_met" | "restriction_past_review" | "decision_overdue";
      /**
       * @description Every manager, the registered manager, or one member of staff (`sender`: who sent or raised it)
       * @enum {string}
       */
      forRole: "manager" | "registered_manager" | "sender";
      title: string;
      detail: string | null;
      /** @description The record the item is about: a partner message, an incident, a safeguarding concern */
      subject: {
        /** @enum {string} */
        type: "partner_message" | "incident" | "concern";
        /** Format: uuid */
        id: string;
        /** @description What the item is about, in words */
        title: string;
        /** @description Where staff open it; null when it no longer exists */
        webPath: string | null;
      };
      createdAt: string;
      resolvedAt: string | null;
      /** @description The member of staff who marked it dealt with */
      resolvedByName: string | null;
      /** @description Resolved by Liaison because its cause went away; resolutionNote says what happened */
      resolvedAutomatically: boolean;
      resolutionNote: string | null;
    };
    AccessVisitInput: {
      firstEntryId: number;
      lastEntryId: number;
      /** @description How many audit entries the visit holds (one per page or part read) */
      entries: number;
      /** Format: date-time */
      firstAt: string;
      /** Format: date-time */
      lastAt: string;
      actor: {
        /** @enum {string} */
        type: "user" | "api_token" | "partner" | "system";
        id: string | null;
        role: string | null;
        /** @description The staff member’s, API token’s or partner contact’s name, when it still exists */
        name: string | null;
        /** @description Who, in words: "Priya Shah (Care worker)" */
        description: string;
      };
      /** @description As <entity>.<verb>: person.view, person.update… */
      action: string;
      /** @description The action in words: "Viewed the record" */
      label: string;
      /** @description The visit in words: "Dr Helena Marchbank read the message through a secure link" */
      sentence: string;
      /** @description The parts viewed or the fields changed, in words (never their values) */
      detail: string | null;
      entity: {
        type: string;
        id: string | null;
        /** @description The person’s or staff member’s name, for those records */
        name: string | null;
      };
      /** @enum {string} */
      outcome: "success" | "denied" | "failed";
      requestId: string | null;
    };
    AccessHistoryInput: {
      subject: {
        /** @enum {string} */
        kind: "entity" | "actor";
        /** @description person, user, api_token, partner… or actor when the id names no known record */
        type: string;
        id: string;
        name: string | null;
      };
      items: components["schemas"]["AccessVisitInput"][];
    };
    AuditActionsInput: {
      items: {
          action: string;
          label: string;
        }[];
    };
    AuditSignedCheckpointInput: {
      checkpoint: {
        format: string;
        orgId: string;
        size: number;
        headHash: string;
        time: string;
        previous: {
          size: number;
          headHash: string;
          digest: string;
        } | null;
        rollbackAccepted: boolean;
      };
      keyId: string;
      signature: string;
    };
    AuditInclusionProofInput: {
      proof: {
        /** @constant */
        format: "liaison-audit-proof/1";
        /** @constant */
        type: "inclusion";
        orgId: string;
        entryId: number;
        /** @description The entry’s position in the tree, from 1 */
        seq: number;
        treeSize: number;
        /** @description The tree head at treeSize (RFC 9162 MTH) */
        rootHash: string;
        /** @description The entry as its leaf covers it: RFC 8785 canonical JSON */
        entry: string;
        /** @description SHA-256(0x00 ‖ entry) */
        leafHash: string;
        /** @description The audit path (RFC 9162 §2.1.3), from the leaf up */
        path: string[];
      };
      checkpoint: components["schemas"]["AuditSignedCheckpointInput"] | null;
    };
    AuditConsistencyProofInput: {
      proof: {
        /** @constant */
        format: "liaison-audit-proof/1";
        /** @constant */
        type: "consistency";
        orgId: string;
        fromSize: number;
        toSize: number;
        fromRoot: string;
        toRoot: string;
        /** @description The consistency proof (RFC 9162 §2.1.4) */
        path: string[];
      };
      checkpoints: {
        from: components["schemas"]["AuditSignedCheckpointInput"] | null;
        to: components["schemas"]["AuditSignedCheckpointInput"] | null;
      };
    };
    AuditChainReportInput: {
      verified: boolean;
      sealedEntries: number;
      unsealedEntries: number;
      oldestUnsealedAgeMs: number | null;
      firstBadSeq: number | null;
      problem: string | null;
      checkpoint: {
        /** @enum {string} */
        status: "verified" | "failed" | "none";
        entriesSinceCheckpoint: number | null;
        msSinceCheckpoint: number | null;
        size: number | null;
        signedAt: string | null;
        problem: string | null;
      };
    };
    SessionInput: {
      user: {
        /** Format: uuid */
        id: string;
        displayName: string;
        email: string | null;
        role: components["schemas"]["StaffRoleInput"];
      };
      organisation: {
        /** Format: uuid */
        id: string;
        name: string;
      };
      csrfToken: string | null;
      /** @enum {string} */
      signInStep: "complete" | "second_factor" | "enrolment";
    };
    MfaEnrolmentInput: {
      secret: string;
      otpauthUri: string;
      qrCodeDataUrl: string;
    };
    RecoveryCodesInput: {
      recoveryCodes: string[];
    };
    MfaStatusInput: {
      enabled: boolean;
      enabledAt: string | null;
      required: boolean;
      recoveryCodesLeft: number;
      canTurnOff: boolean;
    };
    ApiTokenInput: {
      /** Format: uuid */
      id: string;
      name: string;
      role: components["schemas"]["StaffRoleInput"];
      /** @enum {string} */
      status: "awaiting_approval" | "active" | "refused" | "revoked" | "expired";
      requestedBy: string;
      /** Format: date-time */
      createdAt: string;
      expiresAt: string | null;
      revokedAt: string | null;
      decidedAt: string | null;
    };
    CreatedApiTokenInput: {
      /** Format: uuid */
      id: string;
      name: string;
      role: components["schemas"]["StaffRoleInput"];
      token: string;
      awaitingApproval: boolean;
      /** Format: date-time */
      createdAt: string;
      expiresAt: string | null;
    };
    /** @description A service or location the organisation runs */
    CareServiceInput: {
      /** Format: uuid */
      id: string;
      name: string;
      address: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    /** @description One entry of a merged chronology */
    ChronologyEntryInput: {
      /** @description Which record it comes from: partner_messages, incidents, consent, consent_withdrawals, mental_capacity, safeguarding_authorisations, advice, safeguarding_shares, concern_entries, concern_advice */
      source: string;
      /**
       * Format: uuid
       * @description The entry’s id within its source
       */
      id: string;
      /**
       * Format: date-time
       * @description When what it records happened
       */
      occurredAt: string;
      /**
       * Format: date-time
       * @description When it was recorded
       */
      recordedAt: string;
      /** @description The agency the information came from: the provider or a partner organisation */
      agency: string;
      /** @description What kind of entry it is, in words */
      kindLabel: string;
      /** @description What the entry says */
      text: string;
      /** @description Who recorded it, when known */
      recordedBy: string | null;
      /** @description The record the entry belongs to */
      subject: {
        /** @description message, incident, concern, person or advice */
        type: string;
        /** Format: uuid */
        id: string;
        /** @description The record’s title, for a link */
        title: string;
      } | null;
    };
    ChronologyPageInput: {
      /** @description Newest first */
      items: components["schemas"]["ChronologyEntryInput"][];
      /** @description Pass as `before` for the next (older) page; null on the last page */
      nextBefore: string | null;
    };
    /**
     * @description Conditions used to rank who is most at risk when services are disrupted
     * @enum {string}
     */
    ClinicalFlagInput: "diabetes" | "epilepsy" | "respiratory_condition" | "dysphagia" | "anticoagulants" | "insulin_dependent" | "heart_condition" | "dementia" | "mobility_risk" | "pressure_ulcer_risk" | "oxygen_dependent" | "other";
    /** @enum {string} */
    PersonStatusInput: "active" | "left" | "died";
    /**
     * @description Legally authorised: lpa_health_and_welfare, lpa_property_and_financial_affairs, court_appointed_deputy. Not legally authorised to decide: advocate, imca, imha, next_of_kin.
     * @enum {string}
     */
    RepresentativeKindInput: "lpa_health_and_welfare" | "lpa_property_and_financial_affairs" | "court_appointed_deputy" | "advocate" | "imca" | "imha" | "next_of_kin";
    PersonInput: {
      /** Format: uuid */
      id: string;
      givenName: string;
      familyName: string;
      preferredName: string | null;
      /** @description Null only for people recorded before it was required */
      dateOfBirth: string | null;
      /** @description Null only for people recorded before it was required */
      address: string | null;
      postcode: string | null;
      nhsNumber: string | null;
      careServiceId: string | null;
      careServiceName: string | null;
      communicationNeeds: string | null;
      clinicalFlags: components["schemas"]["ClinicalFlagInput"][];
      clinicalFlagsNote: string | null;
      status: components["schemas"]["PersonStatusInput"];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    PersonRepresentativeInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      personId: string;
      kind: components["schemas"]["RepresentativeKindInput"];
      /** @description An attorney or deputy: may make decisions within their authority */
      isLegallyAuthorised: boolean;
      name: string;
      relationship: string | null;
      phone: string | null;
      email: string | null;
      address: string | null;
      partnerContactId: string | null;
      scopeOfAuthority: string | null;
      deputyDecisions: ("property_and_financial_affairs" | "personal_welfare")[];
      reference: string | null;
      registeredOn: string | null;
      documentSeenOn: string | null;
      documentSeenBy: string | null;
      endedAt: string | null;
      endedReason: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    CircleMemberInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      personId: string;
      role: components["schemas"]["PartnerTypeInput"];
      isPrimary: boolean;
      startedOn: string;
      endedOn: string | null;
      partnerContact: {
        /** Format: uuid */
        id: string;
        name: string;
        type: components["schemas"]["PartnerTypeInput"];
        jobTitle: string | null;
        email: string | null;
        phone: string | null;
        /** Format: uuid */
        partnerOrganisationId: string;
        partnerOrganisationName: string;
        hasMovedOn: boolean;
      };
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    PersonLinkedToContactInput: {
      person: {
        /** Format: uuid */
        id: string;
        givenName: string;
        familyName: string;
        preferredName: string | null;
        status: components["schemas"]["PersonStatusInput"];
        careServiceName: string | null;
      };
      /** Format: uuid */
      circleMemberId: string;
      role: components["schemas"]["PartnerTypeInput"];
      isPrimary: boolean;
      startedOn: string;
    };
    ConsentRecordInput: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      givenBy: "person" | "representative";
      representative: {
        /** Format: uuid */
        id: string;
        name: string;
        kind: components["schemas"]["RepresentativeKindInput"];
      } | null;
      scope: {
        partnerOrganisations: {
            /** Format: uuid */
            id: string;
            name: string;
          }[];
        partnerContacts: {
            /** Format: uuid */
            id: string;
            name: string;
            organisationName: string;
          }[];
        partnerTypes: components["schemas"]["PartnerTypeInput"][];
      };
      purposes: components["schemas"]["SharingPurposeInput"][];
      categories: components["schemas"]["InformationCategoryInput"][];
      /** @enum {string} */
      recordedHow: "signed_form" | "easy_read_form" | "verbal" | "electronic" | "other";
      notes: string | null;
      givenOn: string;
      reviewOn: string;
      recordedBy: string | null;
      /** Format: date-time */
      createdAt: string;
      withdrawal: ({
        /** Format: date-time */
        at: string;
        /** @enum {string} */
        by: "person" | "representative";
        representativeName: string | null;
        reason: string | null;
        recordedBy: string | null;
      }) | null;
      status: components["schemas"]["SharingRecordStatusInput"];
    };
    WorkItemInput: {
      /** @description What it is, in words */
      title: string;
      /** @description Who it is with or about, in words */
      detail: string | null;
      /** @description When it is due, to the minute (a deadline) */
      dueAt: string | null;
      /** @description The day it is due (a review date), a London day */
      dueOn: string | null;
      /** @description When it began waiting: the reply, the incident’s start */
      since: string | null;
      overdue: boolean;
      /** @description Where it is dealt with in the web app; null when the caller cannot open it */
      webPath: string | null;
    };
    WorkGroupInput: {
      /** @enum {string} */
      kind: "needs_attention" | "concern_decisions_overdue" | "concern_triggers_met" | "incidents_open" | "requests_overdue" | "replies_received" | "actions_due" | "reviews_due" | "contacts_to_recheck" | "concerns_open";
      /** @description How many in all; `items` holds only the most urgent few */
      count: number;
      /** @description Only the caller’s own: messages they sent, actions they lead */
      mine: boolean;
      items: components["schemas"]["WorkItemInput"][];
      /** @description Where the whole list is in the web app */
      webPath: string | null;
    };
    HomeWorkInput: {
      /** @description The auditor: what is waiting, to look at; nothing on it is for them to act on */
      readOnly: boolean;
      /** @description Only kinds with something in them, what cannot wait first (the order of WorkGroup.kind) */
      groups: components["schemas"]["WorkGroupInput"][];
    };
    /** @enum {string} */
    IncidentTypeInput: "staffing" | "heating" | "flood" | "power" | "environmental" | "digital_failure" | "transport" | "medication_supply" | "equipment" | "external_provider_failure" | "other";
    /** @enum {string} */
    IncidentSeverityInput: "minor" | "moderate" | "major" | "critical";
    /** @enum {string} */
    RiskLevelInput: "high" | "medium" | "low";
    CreateIncidentInput: {
      type: components["schemas"]["IncidentTypeInput"];
      /** @description A short name, without personal details: it goes in partner emails */
      title: string;
      summary: string;
      severity: components["schemas"]["IncidentSeverityInput"];
      /** Format: date-time */
      startedAt: string;
      /** @default [] */
      careServiceIds?: string[];
      /** @default [] */
      locations?: string[];
      /**
       * Format: uuid
       * @description The member of staff leading the response
       */
      leadId: string;
      /**
       * Format: uuid
       * @description The member of staff who owns communication with partners
       */
      partnerLiaisonId: string;
      /** @description The route the incident's messages carry; left out, each kind of message keeps its own */
      escalationRoute?: components["schemas"]["EscalationRouteInput"] | null;
    };
    IncidentInput: {
      /** Format: uuid */
      id: string;
      type: components["schemas"]["IncidentTypeInput"];
      title: string;
      summary: string;
      severity: components["schemas"]["IncidentSeverityInput"];
      /** @enum {string} */
      status: "open" | "closed";
      startedAt: string;
      endedAt: string | null;
      careServices: {
          /** Format: uuid */
          id: string;
          name: string;
        }[];
      locations: string[];
      lead: {
        /** Format: uuid */
        id: string;
        name: string;
      };
      partnerLiaison: {
        /** Format: uuid */
        id: string;
        name: string;
      };
      escalationRoute: unknown;
      affectedPeople: number;
      closedAt: string | null;
      version: number;
    };
    AffectedPersonInput: {
      /** Format: uuid */
      personId: string;
      name: string;
      careServiceName: string | null;
      /** @description The level in force: the lead’s adjustment if any, else the ranking */
      level: components["schemas"]["RiskLevelInput"];
      rankedLevel: components["schemas"]["RiskLevelInput"];
      score: number;
      reasons: {
          points: number;
          reason: string;
        }[];
      /** @description The version of the risk points table the ranking was made with (1: the standard table) */
      rankedWith: number;
      adjustment: ({
        level: components["schemas"]["RiskLevelInput"];
        reason: string;
        by: string | null;
        at: string;
      }) | null;
      observationPlan: string | null;
      addedAt: string;
    };
    InterimMeasureInput: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: "room_move" | "additional_checks" | "temporary_equipment" | "alternative_accommodation_request" | "staffing_cover" | "other";
      description: string;
      personId: string | null;
      owner: string;
      startsAt: string;
      endedAt: string | null;
    };
    IncidentRecordInput: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: "decision" | "reading" | "hazard" | "note" | "gate_refusal";
      occurredAt: string;
      recordedAt: string;
      recordedBy: string;
      decision: string | null;
      evidence: string | null;
      rationale: string | null;
      advice: {
          /** Format: uuid */
          id: string;
          givenBy: string;
          advice: string;
        }[];
      location: string | null;
      measure: string | null;
      value: number | null;
      unit: string | null;
      note: string | null;
      /** @description A gate refusal: the share log entry naming the recipient and every reason */
      shareId: string | null;
    };
    ProposedMessageInput: {
      key: string;
      /** @description What is asked, in a few words: "Repair needed", "Advice needed" */
      headline: string;
      why: string;
      alreadySent: boolean;
      /** @description The message already sent for this proposal, if any */
      sentMessageId: string | null;
      personName: string | null;
      partnerOrganisationName: string;
      partnerContactName: string;
      /** @description A body for POST /api/incidents/{id}/messages */
      draft: {
        template: components["schemas"]["MessageTemplateInput"];
        askType?: components["schemas"]["AskTypeInput"] | null;
        /** @enum {string} */
        urgency: "urgent" | "routine";
        partnerOrganisationId: string;
        partnerContactId: string;
        nextContactId?: string | null;
        seniorContactId?: string | null;
        personId?: string | null;
        purpose?: components["schemas"]["SharingPurposeInput"] | null;
        categories: components["schemas"]["InformationCategoryInput"][];
        subject: string;
        summary: string;
        impact?: string | null;
        mitigations?: string | null;
        ask?: string | null;
        body?: string | null;
        deadline?: string | null;
        escalationRoute?: components["schemas"]["EscalationRouteInput"] | null;
      };
    };
    IncidentTimelineEntryInput: {
      at: string;
      /** @enum {string} */
      kind: "incident.started" | "incident.ended" | "incident.closed" | "person.added" | "person.risk_adjusted" | "measure.started" | "measure.ended" | "decision" | "reading" | "hazard" | "note" | "gate_refusal" | "message.sent" | "message.emailed" | "message.email_failed" | "message.acknowledged" | "message.accepted" | "message.declined" | "message.responded" | "message.done" | "message.call_logged" | "message.reply_logged" | "message.note" | "message.escalated" | "message.link_issued" | "message.link_revoked" | "message.withdrawn" | "message.closed" | "message.advice_recorded" | "message.confirmation_requested" | "message.confirmation_received" | "message.email_held" | "message.link_handed_over" | "message.sharing_ended" | "message.share_refused";
      text: string;
      who: string | null;
      messageId: string | null;
      personId: string | null;
    };
    ReviewRequestInput: {
      /** Format: uuid */
      messageId: string;
      subject: string;
      /** @enum {string} */
      template: "request" | "safeguarding" | "meeting_request" | "incident_update" | "update";
      /** Format: uuid */
      partnerOrganisationId: string;
      partner: string;
      contact: string;
      sentAt: string;
      sentEventId: string | null;
      deadline: string | null;
      /** @enum {string} */
      awaits: "response" | "acknowledgement" | "nothing";
      /** @description The first acknowledgement entry on the thread; a reply does not stand in for one */
      acknowledgement: {
        at: string;
        minutes: number;
        /** Format: uuid */
        eventId: string;
      } | null;
      response: ({
        at: string;
        minutes: number;
        /** @enum {string} */
        kind: "responded" | "done" | "declined";
        /** Format: uuid */
        eventId: string;
      }) | null;
      /** @description What the message waits for has come */
      answered: boolean;
      /**
       * @description Judged on the response (a request) or on receipt (an incident update), at the review’s time
       * @enum {string}
       */
      deadlineOutcome: "met" | "missed" | "not_yet_due" | "no_deadline";
      /** @description How far before (met) or after (missed) the deadline, in minutes; null when there is none to measure */
      deadlineMinutes: number | null;
      escalation: {
        steps: number;
        furthestTarget: components["schemas"]["EscalationTargetInput"] | null;
        reachedManagers: boolean;
        /** @description The escalation entries counted */
        eventIds: string[];
      };
    };
    ReviewFiguresInput: {
      /** @constant */
      figuresVersion: 2;
      generatedAt: string;
      incident: {
        title: string;
        type: components["schemas"]["IncidentTypeInput"];
        severity: components["schemas"]["IncidentSeverityInput"];
        startedAt: string;
        endedAt: string | null;
        durationMinutes: number | null;
      };
      people: {
        total: number;
        high: number;
        medium: number;
        low: number;
      };
      firstPartnerContact: {
        at: string;
        minutesFromStart: number;
        partner: string;
        /** Format: uuid */
        messageId: string;
      } | null;
      /** @description Messages to partners: not Liaison's own requests for written confirmation, nor withdrawn ones */
      messagesSent: number;
      messages: {
        toPartners: {
          count: number;
          /** @description The messages counted */
          messageIds: string[];
        };
        confirmationRequests: {
          count: number;
          /** @description The messages counted */
          messageIds: string[];
        };
        withdrawn: {
          count: number;
          /** @description The messages counted */
          messageIds: string[];
        };
      };
      requests: components["schemas"]["ReviewRequestInput"][];
      partners: ({
          /** Format: uuid */
          partnerOrganisationId: string;
          name: string;
          messages: number;
          /** @description The messages counted */
          messageIds: string[];
          firstContactAt: string;
          acknowledged: number;
          /** @description The acknowledgement entries counted */
          acknowledgementEventIds: string[];
          /** @description The messages never acknowledged counted */
          notAcknowledgedMessageIds: string[];
          /** @description The quickest acknowledgement, in minutes; null when there is none to measure */
          firstAcknowledgementMinutes: number | null;
          /** @description The median time to acknowledge, in minutes; null when there is none to measure */
          medianMinutesToAcknowledge: number | null;
          responded: number;
          /** @description The response entries counted */
          responseEventIds: string[];
          /** @description The median time to respond, in minutes; null when there is none to measure */
          medianMinutesToRespond: number | null;
          /** @description The slowest response, in minutes; null when there is none to measure */
          slowestMinutesToRespond: number | null;
          notResponded: number;
          /** @description The messages still waiting for what they asked counted */
          notRespondedMessageIds: string[];
          /** @description The messages answered by their deadline counted */
          deadlinesMetMessageIds: string[];
          /** @description The messages answered late, or not by their deadline counted */
          deadlinesMissedMessageIds: string[];
          /** @description The messages unanswered whose deadline had not passed counted */
          notYetDueMessageIds: string[];
          furthestEscalation: components["schemas"]["EscalationTargetInput"] | null;
        })[];
      escalated: {
          /** Format: uuid */
          messageId: string;
          subject: string;
          partner: string;
          stepsFired: number;
          furthestTarget: components["schemas"]["EscalationTargetInput"];
          reachedManagers: boolean;
          answered: boolean;
          /** @description The escalation entries counted */
          eventIds: string[];
        }[];
      nonResponses: ({
          /** Format: uuid */
          messageId: string;
          subject: string;
          partner: string;
          contact: string;
          sentAt: string;
          deadline: string | null;
          acknowledged: boolean;
          /**
           * @description Judged on the response (a request) or on receipt (an incident update), at the review’s time
           * @enum {string}
           */
          deadlineOutcome: "met" | "missed" | "not_yet_due" | "no_deadline";
          /** @description How far past the deadline, in minutes; null when there is none to measure */
          deadlineMinutes: number | null;
        })[];
      writtenConfirmation: ({
          /** Format: uuid */
          adviceId: string;
          givenBy: string;
          partner: string | null;
          givenAt: string;
          /** @enum {string} */
          receivedHow: "partner_link" | "email" | "phone" | "in_person" | "letter" | "meeting" | "other";
          /** @enum {string} */
          status: "not_needed" | "requested" | "confirmed" | "not_requested";
          confirmedAt: string | null;
          /** @description From the advice to its written confirmation, in minutes; null when there is none to measure */
          minutesToConfirm: number | null;
          messageId: string | null;
          confirmationMessageId: string | null;
          /** @description The advice entries on the thread counted */
          eventIds: string[];
        })[];
      /** @description The median time from advice to written confirmation, in minutes; null when there is none to measure */
      medianMinutesToWrittenConfirmation: number | null;
      gateRefusals: ({
          /** Format: uuid */
          recordId: string;
          /** Format: uuid */
          shareId: string;
          at: string;
          by: string;
          person: string;
          partner: string;
          contact: string | null;
          /** @enum {string} */
          purpose: "care_coordination" | "health_monitoring" | "assessment" | "safeguarding" | "housing" | "advocacy";
          reasons: {
              code: string;
              message: string;
            }[];
        })[];
      decisions: ({
          /** Format: uuid */
          recordId: string;
          at: string;
          by: string;
          decision: string;
          evidence: string;
          rationale: string;
          advice: ({
              /** Format: uuid */
              adviceId: string;
              givenBy: string;
              advice: string;
              /** @enum {string} */
              receivedHow: "partner_link" | "email" | "phone" | "in_person" | "letter" | "meeting" | "other";
              /** @enum {string} */
              confirmation: "not_needed" | "requested" | "confirmed" | "not_requested";
            })[];
        })[];
      measures: ({
          /** @enum {string} */
          kind: "room_move" | "additional_checks" | "temporary_equipment" | "alternative_accommodation_request" | "staffing_cover" | "other";
          description: string;
          owner: string;
          startsAt: string;
          endedAt: string | null;
          minutesInPlace: number | null;
        })[];
    };
    /** @description A review closed before figuresVersion 2, kept as it was worked out then */
    EarlierReviewFiguresInput: {
      [key: string]: unknown;
    };
    IncidentReviewInput: {
      /** @enum {string} */
      status: "open" | "closed";
      /** @description False while the incident is open: the figures are a preview */
      final: boolean;
      closedAt: string | null;
      findings: string | null;
      figures: components["schemas"]["ReviewFiguresInput"] | components["schemas"]["EarlierReviewFiguresInput"];
      learningActions: ({
          /** Format: uuid */
          id: string;
          action: string;
          owner: string;
          /** Format: uuid */
          ownerId: string;
          dueOn: string;
          doneAt: string | null;
        })[];
      /** @description What happened after the incident closed (replies to its messages, measures recorded as ended), oldest first. The figures, kept as they stood at closing, do not count it */
      sinceClosing: components["schemas"]["IncidentTimelineEntryInput"][];
    };
    SetIncidentRiskPointsInput: {
      /** @description A person is at high risk from this score */
      highFrom: number;
      /** @description A person is at medium risk from this score, below the high one */
      mediumFrom: number;
      /** @description Every line of the table, with its points */
      points: {
        /** @description Diabetes */
        diabetes: number;
        /** @description Diabetes, when staff are short, medicines are late or transport fails */
        diabetes_missed_care: number;
        /** @description Depends on insulin */
        insulin_dependent: number;
        /** @description Depends on insulin, when staff are short, medicines are late or transport fails */
        insulin_missed_doses: number;
        /** @description Depends on insulin, in a power cut */
        insulin_no_power: number;
        /** @description Epilepsy */
        epilepsy: number;
        /** @description Epilepsy, when staff are short or medicines are late */
        epilepsy_missed_care: number;
        /** @description A respiratory condition */
        respiratory_condition: number;
        /** @description A respiratory condition, when the heating, power or building fails */
        respiratory_cold: number;
        /** @description A heart condition */
        heart_condition: number;
        /** @description A heart condition, when the heating, power or building fails */
        heart_cold: number;
        /** @description Depends on oxygen */
        oxygen_dependent: number;
        /** @description Depends on oxygen, in a power cut or equipment failure */
        oxygen_no_power: number;
        /** @description Takes anticoagulants */
        anticoagulants: number;
        /** @description Takes anticoagulants, when medicines are late or staff are short */
        anticoagulants_missed_doses: number;
        /** @description Swallowing difficulties */
        dysphagia: number;
        /** @description Swallowing difficulties, when staff are short */
        dysphagia_meals: number;
        /** @description Limited mobility */
        mobility_risk: number;
        /** @description Limited mobility, in a flood, power cut or heating failure */
        mobility_moving: number;
        /** @description At risk of pressure ulcers */
        pressure_ulcer_risk: number;
        /** @description At risk of pressure ulcers, when staff are short or equipment fails */
        pressure_ulcer_repositioning: number;
        /** @description Dementia */
        dementia: number;
        /** @description Dementia, when staff are short or the building fails */
        dementia_routine: number;
        /** @description Another recorded condition */
        other_condition: number;
        /** @description Aged 85 or over */
        aged_85: number;
        /** @description Aged 85 or over, when the heating, power or building fails (instead of the line above) */
        aged_85_cold: number;
        /** @description Aged 75 to 84, when the heating, power or building fails */
        aged_75_cold: number;
        /** @description Has communication needs */
        communication_needs: number;
      };
    };
    IncidentRiskPointsInput: {
      /** @description Version 1 is Liaison’s standard table; each change adds one */
      version: number;
      /** @description The organisation has not changed the table */
      isStandard: boolean;
      /** @description The version that ranks people added to an incident now */
      isInForce: boolean;
      /** @description Who set this version; null for the standard table */
      setBy: string | null;
      setAt: string | null;
      highFrom: number;
      mediumFrom: number;
      points: {
        /** @description Diabetes */
        diabetes: number;
        /** @description Diabetes, when staff are short, medicines are late or transport fails */
        diabetes_missed_care: number;
        /** @description Depends on insulin */
        insulin_dependent: number;
        /** @description Depends on insulin, when staff are short, medicines are late or transport fails */
        insulin_missed_doses: number;
        /** @description Depends on insulin, in a power cut */
        insulin_no_power: number;
        /** @description Epilepsy */
        epilepsy: number;
        /** @description Epilepsy, when staff are short or medicines are late */
        epilepsy_missed_care: number;
        /** @description A respiratory condition */
        respiratory_condition: number;
        /** @description A respiratory condition, when the heating, power or building fails */
        respiratory_cold: number;
        /** @description A heart condition */
        heart_condition: number;
        /** @description A heart condition, when the heating, power or building fails */
        heart_cold: number;
        /** @description Depends on oxygen */
        oxygen_dependent: number;
        /** @description Depends on oxygen, in a power cut or equipment failure */
        oxygen_no_power: number;
        /** @description Takes anticoagulants */
        anticoagulants: number;
        /** @description Takes anticoagulants, when medicines are late or staff are short */
        anticoagulants_missed_doses: number;
        /** @description Swallowing difficulties */
        dysphagia: number;
        /** @description Swallowing difficulties, when staff are short */
        dysphagia_meals: number;
        /** @description Limited mobility */
        mobility_risk: number;
        /** @description Limited mobility, in a flood, power cut or heating failure */
        mobility_moving: number;
        /** @description At risk of pressure ulcers */
        pressure_ulcer_risk: number;
        /** @description At risk of pressure ulcers, when staff are short or equipment fails */
        pressure_ulcer_repositioning: number;
        /** @description Dementia */
        dementia: number;
        /** @description Dementia, when staff are short or the building fails */
        dementia_routine: number;
        /** @description Another recorded condition */
        other_condition: number;
        /** @description Aged 85 or over */
        aged_85: number;
        /** @description Aged 85 or over, when the heating, power or building fails (instead of the line above) */
        aged_85_cold: number;
        /** @description Aged 75 to 84, when the heating, power or building fails */
        aged_75_cold: number;
        /** @description Has communication needs */
        communication_needs: number;
      };
    };
    CapacityAssessmentInput: {
      /** Format: uuid */
      id: string;
      decision: string;
      purposes: components["schemas"]["SharingPurposeInput"][];
      categories: components["schemas"]["InformationCategoryInput"][];
      impairment: boolean;
      impairmentNote: string | null;
      canUnderstand: boolean;
      canRetain: boolean;
      canUseOrWeigh: boolean;
      canCommunicate: boolean;
      /** @enum {string} */
      outcome: "has_capacity" | "lacks_capacity";
      reasons: string;
      assessorUserId: string | null;
      assessorName: string;
      assessorRole: string | null;
      assessedOn: string;
      reviewOn: string;
      /** Format: date-time */
      createdAt: string;
      status: components["schemas"]["SharingRecordStatusInput"];
    };
    BestInterestsDecisionInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      capacityAssessmentId: string;
      decision: string;
      scope: {
        partnerOrganisations: {
            /** Format: uuid */
            id: string;
            name: string;
          }[];
        partnerContacts: {
            /** Format: uuid */
            id: string;
            name: string;
            organisationName: string;
          }[];
        partnerTypes: components["schemas"]["PartnerTypeInput"][];
      };
      purposes: components["schemas"]["SharingPurposeInput"][];
      categories: components["schemas"]["InformationCategoryInput"][];
      consulted: string;
      wishesAndFeelings: string;
      /** @enum {string} */
      outcome: "share" | "do_not_share";
      rationale: string;
      decisionMaker: string;
      decidedOn: string;
      reviewOn: string;
      /** Format: date-time */
      createdAt: string;
      status: components["schemas"]["SharingRecordStatusInput"];
    };
    OrganisationInput: {
      /** Format: uuid */
      id: string;
      name: string;
      registrationNumber: string | null;
      registeredManagerName: string | null;
      address: string | null;
      logoDataUrl: string | null;
      contactVerificationDays: number;
      mfaAlsoRequiredFor: ("care_worker" | "auditor")[];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    /**
     * @description low, medium or high; every change needs a reason
     * @enum {string}
     */
    ConcernLevelInput: "low" | "medium" | "high";
    /**
     * @description raised → triage → advice_sought → referred (section 42 concern to the local authority) or not_referred → enquiry or plan → closed
     * @enum {string}
     */
    ConcernStatusInput: "raised" | "triage" | "advice_sought" | "referred" | "not_referred" | "enquiry" | "plan" | "closed";
    /**
     * @description Care Act 2014 category of abuse or neglect, coded as the Safeguarding Adults Collection type
     * @enum {string}
     */
    AbuseCategoryInput: "physical" | "sexual" | "psychological" | "financial_or_material" | "discriminatory" | "organisational" | "neglect_and_acts_of_omission" | "domestic_abuse" | "sexual_exploitation" | "modern_slavery" | "self_neglect";
    /**
     * @description Location of risk, as the Safeguarding Adults Collection records it
     * @enum {string}
     */
    RiskLocationInput: "own_home" | "in_the_community" | "in_a_community_service" | "care_home_nursing" | "care_home_residential" | "hospital_acute" | "hospital_mental_health" | "hospital_community" | "other";
    /**
     * @description Who the alleged source is; person_supported needs sourcePersonId
     * @enum {string}
     */
    SourceOfRiskInput: "person_supported" | "service_provider" | "known_to_individual" | "unknown_to_individual" | "not_known";
    /** @enum {string} */
    ConcernEntryKindInput: "observation" | "blocked_access" | "visible_injury" | "threat" | "distress" | "disclosure" | "change_in_presentation" | "contact_with_partner" | "decision" | "raised" | "level_changed" | "status_changed" | "trigger_met" | "advice_recorded" | "referral_sent" | "advice_requested" | "local_authority_decision" | "advocacy" | "plan" | "restriction" | "closed";
    /**
     * @description The kinds of chronology entry staff record; the others Liaison writes as things happen
     * @enum {string}
     */
    StaffConcernEntryKindInput: "observation" | "blocked_access" | "visible_injury" | "threat" | "distress" | "disclosure" | "change_in_presentation" | "contact_with_partner" | "decision";
    RaiseConcernInput: {
      /**
       * Format: uuid
       * @description The adult at risk
       */
      personId: string;
      /**
       * Format: date-time
       * @description When it happened (or was first noticed)
       */
      occurredAt: string;
      /** @description What happened, in facts: what was seen, heard or told */
      whatHappened: string;
      category: components["schemas"]["AbuseCategoryInput"];
      locationOfRisk: components["schemas"]["RiskLocationInput"];
      /** @description Where exactly, e.g. "Flat 3 communal lounge": related concerns match it */
      locationDetail?: string | null;
      sourceKind: components["schemas"]["SourceOfRiskInput"];
      /** @description The alleged source, when they are a person supported */
      sourcePersonId?: string | null;
      /** @description The alleged source when not a person supported, e.g. "new acquaintance, first name Dan" */
      sourceDescription?: string | null;
      /** @description Who else was there */
      othersPresent?: string | null;
      /** @description Other people at risk, children included */
      othersAtRisk?: string | null;
      /**
       * @description Whether any child is at risk
       * @default false
       */
      childrenAtRisk?: boolean;
      /** @description What was done straight away to keep people safe */
      immediateActions: string;
      level: components["schemas"]["ConcernLevelInput"];
    };
    UpdateConcernInput: {
      level?: components["schemas"]["ConcernLevelInput"];
      /** @description Why the level changes: required with level, and written into the chronology */
      levelReason?: string | null;
      /** @description The short "need to know" summary staff other than managers see (what they must do or avoid), without details of the concern */
      needToKnow?: string | null;
      locationDetail?: string | null;
      othersAtRisk?: string | null;
      childrenAtRisk?: boolean;
    };
    ChangeConcernStatusInput: {
      /**
       * @description Close a concern through its close route
       * @enum {string}
       */
      status: "raised" | "triage" | "advice_sought" | "referred" | "not_referred" | "enquiry" | "plan";
      /** @description Why: for not_referred, the reason the concern is not referred */
      reason: string;
    };
    CloseConcernInput: {
      /**
       * @description The Safeguarding Adults Collection risk outcome
       * @enum {string}
       */
      outcome: "risk_remained" | "risk_reduced" | "risk_removed";
      /** @description What the organisation learnt, signed off by the manager closing it */
      lessonsLearnt: string;
    };
    RecordAdvocacyInput: {
      /**
       * @description Offered, accepted or declined
       * @enum {string}
       */
      status: "offered" | "accepted" | "declined";
      /** @description The advocate, once accepted */
      advocateName?: string | null;
      note?: string | null;
    };
    AddConcernEntryInput: {
      kind: components["schemas"]["StaffConcernEntryKindInput"];
      /**
       * Format: date-time
       * @description When it happened
       */
      occurredAt: string;
      /** @description What happened, as facts */
      facts: string;
      /**
       * @description Who was present
       * @default []
       */
      present?: string[];
      /**
       * @description Direct quotes, each kept and shown as a quote
       * @default []
       */
      quotes?: {
          speaker: string;
          /** @description Exactly what was said */
          words: string;
        }[];
      /**
       * @description Where the information came from
       * @enum {string}
       */
      source: "staff" | "person" | "partner" | "document";
      /** @description Which partner or document, when the source is one */
      sourceDetail?: string | null;
      /** @description What was done */
      actionTaken?: string | null;
      /** @description Why nothing was done, when nothing was */
      noActionReason?: string | null;
      /** @description The entry this one corrects: the original stays as it was */
      corrects?: string | null;
      /** @description With corrects: what was wrong */
      correctionReason?: string | null;
    };
    RequestThresholdAdviceInput: {
      /**
       * Format: uuid
       * @description Leave out to use the organisation's named safeguarding link
       */
      partnerOrganisationId?: string;
      /**
       * Format: uuid
       * @description Leave out to use the organisation's named safeguarding link
       */
      partnerContactId?: string;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      /** @description A short title without personal details: it goes in the email */
      subject: string;
      /** @description What has happened, minimum necessary */
      summary: string;
      /** @description The risk to the person and others */
      impact: string;
      /** @description Interim safeguards already in place */
      mitigations: string;
      /** @description What threshold advice you need */
      question: string;
      /**
       * Format: date-time
       * @description When you need the advice by
       */
      deadline: string;
      categories: ("identity" | "health" | "care_plan" | "risk" | "safeguarding" | "finances")[];
    };
    RecordThresholdAdviceInput: {
      /** @description The advice request it answers; its chasing then stops */
      messageId?: string | null;
      adviserName: string;
      adviserRole?: string | null;
      /** @description Which local threshold guidance the adviser applied */
      guidanceApplied: string;
      /** @description What they advised, in their words */
      advice: string;
      /** @description How the advice was applied */
      howApplied: string;
      /** Format: date-time */
      givenAt: string;
      /** @enum {string} */
      receivedHow: "email" | "phone" | "in_person" | "letter" | "meeting" | "other";
    };
    SendSection42ReferralInput: {
      /**
       * Format: uuid
       * @description The local authority
       */
      partnerOrganisationId: string;
      /** Format: uuid */
      partnerContactId: string;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      /** @description A short title without personal details: it goes in the email */
      subject: string;
      /** @description The referral as checked by the manager (start from the prefilled draft) */
      referral: string;
      /** @description The risk to the person and others */
      risk: string;
      /** @description What is in place while the local authority decides */
      interimSafeguards: string;
      /** @enum {string} */
      consentToReferral: "given" | "refused" | "not_asked" | "lacks_capacity";
      /** @description Required unless the person consented: why referring without it */
      basisWithoutConsent?: string | null;
      categories: ("identity" | "health" | "care_plan" | "risk" | "safeguarding" | "finances")[];
    };
    RecordLocalAuthorityDecisionInput: {
      /**
       * @description Whether the section 42 duty is met
       * @enum {string}
       */
      decision: "s42_duty_met" | "s42_duty_not_met";
      /** @description The local authority’s reason */
      reason: string;
      /** @description Another route it chose, such as advice or an assessment */
      otherRoute?: ("advice" | "care_act_assessment" | "review_of_care" | "other") | null;
      /** @description Feedback the local authority gave */
      feedback?: string | null;
      /** Format: date-time */
      decidedAt: string;
      /** @enum {string} */
      receivedHow: "email" | "phone" | "in_person" | "letter" | "meeting" | "other";
      /** @description Who at the local authority gave the decision */
      partnerName: string;
    };
    AddSafeContactPlanInput: {
      measures: ("varied_visit_times" | "two_person_visits" | "manager_led_welfare_calls" | "no_discussion_in_the_home" | "private_check_ins" | "agreed_visiting_times" | "other")[];
      /** @description How contact is kept safe: who visits, when, what is not discussed */
      arrangements: string;
      /**
       * Format: date
       * @description When the plan is reviewed
       */
      reviewOn: string;
    };
    AddReviewTriggerInput: {
      /** @description The entry kinds it counts */
      kinds: components["schemas"]["StaffConcernEntryKindInput"][];
      /** @description How many entries meet it */
      threshold: number;
      /** @description Within how many days; null for any single entry (threshold 1) */
      windowDays: number | null;
      description?: string | null;
    };
    AddInterimRestrictionInput: {
      /**
       * Format: uuid
       * @description Whose freedom it restricts
       */
      personId: string;
      /** @description What is restricted */
      restriction: string;
      /** @description Why */
      reason: string;
      /** @enum {string} */
      legalBasis: "consent" | "best_interests_decision" | "other";
      /** @description The consent or best-interests decision it rests on */
      legalBasisRecordId?: string | null;
      /** @description With other: the basis in words */
      legalBasisNote?: string | null;
      /** @description The less restrictive options considered and why they were not enough */
      leastRestrictiveConsidered: string;
      /** Format: date */
      startsOn: string;
      /**
       * Format: date
       * @description Within a month of the start: a restriction is reviewed at least monthly
       */
      reviewOn: string;
    };
    ReviewInterimRestrictionInput: {
      /** Format: date */
      reviewedOn: string;
      /** @description Whether it was used since the last review (recorded either way) */
      usedSinceLastReview: boolean;
      findings: string;
      /** @enum {string} */
      outcome: "continue" | "end";
      /** @description With continue: within a month of the review */
      nextReviewOn?: string | null;
    };
    ChangeSafeguardingSettingsInput: {
      /** @description Working days the local authority has to decide */
      decisionWorkingDays: number;
      /** @description The named safeguarding link (MASH) on the register */
      safeguardingLinkContactId: string | null;
    };
    ExportConcernChronologyInput: {
      /** @enum {string} */
      format: "html" | "pdf";
      /** @enum {string} */
      occasion: "multi_agency_meeting" | "safeguarding_adults_review";
      /** @description The agency it is for (asked of the sharing gate); null for staff only */
      recipient: ({
        /** Format: uuid */
        partnerOrganisationId: string;
        partnerContactId?: string | null;
      }) | null;
    };
    /** @description What staff other than managers see of a concern: the need-to-know summary, status and dates */
    ConcernSummaryInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      personId: string;
      personName: string;
      /** @description The short summary a manager wrote for staff who need to know; null until written */
      needToKnow: string | null;
      status: components["schemas"]["ConcernStatusInput"];
      /** Format: date-time */
      raisedAt: string;
      /** Format: date-time */
      updatedAt: string;
      closedAt: string | null;
    };
    /** @description Something about the concern a manager needs to act on */
    ConcernAlertInput: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: "trigger_met" | "decision_overdue" | "restriction_past_review";
      title: string;
      detail: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    ConcernListItemInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      personId: string;
      personName: string;
      /** @description The short summary a manager wrote for staff who need to know; null until written */
      needToKnow: string | null;
      status: components["schemas"]["ConcernStatusInput"];
      /** Format: date-time */
      raisedAt: string;
      /** Format: date-time */
      updatedAt: string;
      closedAt: string | null;
      category: components["schemas"]["AbuseCategoryInput"];
      categoryLabel: string;
      level: components["schemas"]["ConcernLevelInput"];
      locationOfRisk: components["schemas"]["RiskLocationInput"];
      /** @description When the local authority’s decision is due */
      decisionDueAt: string | null;
      overdueForDecision: boolean;
      /** @description Items needing a manager’s attention */
      openAlerts: number;
    };
    InterimRestrictionInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      concernId: string;
      /** Format: uuid */
      personId: string;
      personName: string;
      restriction: string;
      reason: string;
      /** @enum {string} */
      legalBasis: "consent" | "best_interests_decision" | "other";
      legalBasisLabel: string;
      legalBasisRecordId: string | null;
      legalBasisNote: string | null;
      leastRestrictiveConsidered: string;
      startsOn: string;
      reviewOn: string;
      /** @description Its review date has passed without a review */
      pastReview: boolean;
      endedOn: string | null;
      endReason: string | null;
      reviews: ({
          reviewedOn: string;
          usedSinceLastReview: boolean;
          findings: string;
          /** @enum {string} */
          outcome: "continue" | "end";
          nextReviewOn: string | null;
        })[];
      version: number;
    };
    /** @description A safeguarding concern in full: managers and the auditor only */
    ConcernInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      personId: string;
      personName: string;
      /** @description The short summary a manager wrote for staff who need to know; null until written */
      needToKnow: string | null;
      status: components["schemas"]["ConcernStatusInput"];
      /** Format: date-time */
      raisedAt: string;
      /** Format: date-time */
      updatedAt: string;
      closedAt: string | null;
      category: components["schemas"]["AbuseCategoryInput"];
      categoryLabel: string;
      level: components["schemas"]["ConcernLevelInput"];
      locationOfRisk: components["schemas"]["RiskLocationInput"];
      /** @description When the local authority’s decision is due */
      decisionDueAt: string | null;
      overdueForDecision: boolean;
      /** @description Items needing a manager’s attention */
      openAlerts: number;
      /** Format: date-time */
      occurredAt: string;
      whatHappened: string;
      locationDetail: string | null;
      sourceKind: components["schemas"]["SourceOfRiskInput"];
      sourcePersonId: string | null;
      sourceDescription: string | null;
      othersPresent: string | null;
      othersAtRisk: string | null;
      childrenAtRisk: boolean;
      immediateActions: string;
      notReferredReason: string | null;
      advocacy: {
        /** @enum {string} */
        status: "not_offered" | "offered" | "accepted" | "declined";
        advocateName: string | null;
      };
      localAuthorityDecision: ({
        /** @enum {string} */
        decision: "s42_duty_met" | "s42_duty_not_met";
        reason: string | null;
        otherRoute: ("advice" | "care_act_assessment" | "review_of_care" | "other") | null;
        feedback: string | null;
        /** Format: date-time */
        decidedAt: string;
      }) | null;
      outcome: ("risk_remained" | "risk_reduced" | "risk_removed") | null;
      lessonsLearnt: string | null;
      signedOffBy: string | null;
      /** @description Shown on the concern when a review trigger was met: consider escalating */
      escalationPrompt: string | null;
      alerts: components["schemas"]["ConcernAlertInput"][];
      /** @description Threshold advice requests and section 42 referrals */
      messages: ({
          /** Format: uuid */
          messageId: string;
          /** @enum {string} */
          purpose: "threshold_advice" | "s42_referral";
          subject: string;
          /** @description The message’s status: sent, acknowledged, … responded, closed */
          status: string;
          deadline: string | null;
          partnerName: string;
        })[];
      advice: ({
          /** Format: uuid */
          id: string;
          messageId: string | null;
          adviserName: string;
          adviserRole: string | null;
          guidanceApplied: string;
          advice: string;
          howApplied: string;
          /** Format: date-time */
          givenAt: string;
        })[];
      plans: ({
          /** Format: uuid */
          id: string;
          measures: ("varied_visit_times" | "two_person_visits" | "manager_led_welfare_calls" | "no_discussion_in_the_home" | "private_check_ins" | "agreed_visiting_times" | "other")[];
          measureLabels: string[];
          arrangements: string;
          reviewOn: string;
          /** Format: date-time */
          createdAt: string;
          endedAt: string | null;
          endedReason: string | null;
        })[];
      triggers: ({
          /** Format: uuid */
          id: string;
          kinds: components["schemas"]["ConcernEntryKindInput"][];
          threshold: number;
          windowDays: number | null;
          description: string | null;
          /** @description e.g. "3 blocked access entries within 14 days" */
          inWords: string;
          lastMetAt: string | null;
          timesMet: number;
          endedAt: string | null;
        })[];
      restrictions: components["schemas"]["InterimRestrictionInput"][];
      version: number;
    };
    /** @description An entry of the concern’s chronology, as recorded */
    ConcernEntryInput: {
      /** Format: uuid */
      id: string;
      kind: components["schemas"]["ConcernEntryKindInput"];
      kindLabel: string;
      /** Format: date-time */
      occurredAt: string;
      /** Format: date-time */
      recordedAt: string;
      recordedBy: string | null;
      text: string;
      corrects: string | null;
    };
    ConcernChronologyEntryInput: {
      /** @description Which record it comes from: partner_messages, incidents, consent, consent_withdrawals, mental_capacity, safeguarding_authorisations, advice, safeguarding_shares, concern_entries, concern_advice */
      source: string;
      /**
       * Format: uuid
       * @description The entry’s id within its source
       */
      id: string;
      /**
       * Format: date-time
       * @description When what it records happened
       */
      occurredAt: string;
      /**
       * Format: date-time
       * @description When it was recorded
       */
      recordedAt: string;
      /** @description The agency the information came from: the provider or a partner organisation */
      agency: string;
      /** @description What kind of entry it is, in words */
      kindLabel: string;
      /** @description What the entry says */
      text: string;
      /** @description Who recorded it, when known */
      recordedBy: string | null;
      /** @description The record the entry belongs to */
      subject: {
        /** @description message, incident, concern, person or advice */
        type: string;
        /** Format: uuid */
        id: string;
        /** @description The record’s title, for a link */
        title: string;
      } | null;
      /** @description For the concern’s own entries: what was recorded, and its corrections */
      entry: ({
        kind: components["schemas"]["ConcernEntryKindInput"];
        /** @description What happened, as facts (entries staff add) */
        facts: string | null;
        present: string[];
        /** @description Direct quotes, each exactly as it was said */
        quotes: {
            speaker: string;
            words: string;
          }[];
        /** @description Where the information came from */
        source: ("staff" | "person" | "partner" | "document") | null;
        sourceDetail: string | null;
        actionTaken: string | null;
        noActionReason: string | null;
        /** @description The entry this one corrects */
        corrects: string | null;
        correctionReason: string | null;
        /** @description Later entries that correct this one */
        correctedBy: string[];
      }) | null;
    };
    /** @description A concern’s merged chronology, newest first */
    ConcernChronologyPageInput: {
      items: components["schemas"]["ConcernChronologyEntryInput"][];
      /** @description Pass as `before` for the next (older) page; null on the last page */
      nextBefore: string | null;
    };
    /** @description One concern of a pattern, oldest first */
    PatternConcernInput: {
      /** Format: uuid */
      id: string;
      category: components["schemas"]["AbuseCategoryInput"];
      level: components["schemas"]["ConcernLevelInput"];
      status: components["schemas"]["ConcernStatusInput"];
      /** Format: date-time */
      raisedAt: string;
    };
    /** @description Low-level or not-referred concerns that recur about one person or one alleged source */
    ConcernPatternsInput: {
      byPerson: {
          /** Format: uuid */
          personId: string;
          personName: string;
          concernIds: string[];
          concerns: components["schemas"]["PatternConcernInput"][];
        }[];
      bySource: {
          source: string;
          concernIds: string[];
          concerns: components["schemas"]["PatternConcernInput"][];
        }[];
    };
    /** @description The counts for the home page and the concerns list */
    ConcernCountsInput: {
      open: number;
      overdueForDecision: number;
      triggersMet: number;
      restrictionsPastReview: number;
    };
    Section42ReferralDraftInput: {
      person: {
        name: string;
        dateOfBirth: string | null;
        nhsNumber: string | null;
        address: string | null;
      };
      gp: {
        name: string;
        organisation: string;
      } | null;
      capacity: {
          decision: string;
          outcome: string;
          assessedOn: string;
        }[];
      consentsForSafeguarding: {
          givenOn: string;
          status: string;
        }[];
      representatives: {
          kind: string;
          name: string;
        }[];
      advocacy: {
        /** @enum {string} */
        status: "not_offered" | "offered" | "accepted" | "declined";
        advocateName: string | null;
      };
      othersAtRisk: string | null;
      childrenAtRisk: boolean;
      /** @description The concern’s entries, oldest first, one line each */
      chronologySummary: string[];
      /** @description The whole draft as one text to check and edit before sending */
      text: string;
      /**
       * Format: date-time
       * @description When the local authority’s decision would be due if sent now
       */
      decisionDueAt: string;
    };
    SafeguardingSettingsInput: {
      decisionWorkingDays: number;
      safeguardingLinkContactId: string | null;
      version: number;
    };
    SafeguardingAuthorisationInput: {
      /** Format: uuid */
      id: string;
      scope: {
        partnerOrganisations: {
            /** Format: uuid */
            id: string;
            name: string;
          }[];
        partnerContacts: {
            /** Format: uuid */
            id: string;
            name: string;
            organisationName: string;
          }[];
        partnerTypes: components["schemas"]["PartnerTypeInput"][];
      };
      categories: components["schemas"]["InformationCategoryInput"][];
      rationale: string;
      authorisedBy: string;
      /** Format: date-time */
      authorisedAt: string;
      /** Format: date-time */
      expiresAt: string;
      revokedAt: string | null;
      revokedBy: string | null;
      revokedReason: string | null;
      status: components["schemas"]["SharingRecordStatusInput"];
    };
    SubjectAccessExportInput: {
      about: {
        title: string;
        organisation: string;
        /** @description ISO 8601 in UK time, with its offset from UTC */
        exportedAt: string;
        exportedBy: string;
        reviewBeforeSending: string;
        parts: {
          representatives: {
            entries: number;
            /** @description False when the part reached the most one export holds: ask for the rest from the data protection lead */
            complete: boolean;
          };
          circleOfSupport: {
            entries: number;
            /** @description False when the part reached the most one export holds: ask for the rest from the data protection lead */
            complete: boolean;
          };
          chronology: {
            entries: number;
            /** @description False when the part reached the most one export holds: ask for the rest from the data protection lead */
            complete: boolean;
          };
          sharedWithPartners: {
            entries: number;
            /** @description False when the part reached the most one export holds: ask for the rest from the data protection lead */
            complete: boolean;
          };
          accessLog: {
            entries: number;
            /** @description False when the part reached the most one export holds: ask for the rest from the data protection lead */
            complete: boolean;
          };
        };
      };
      person: {
        name: string;
        preferredName: string | null;
        dateOfBirth: string | null;
        nhsNumber: string | null;
        address: string | null;
        postcode: string | null;
        service: string | null;
        status: string;
        communicationNeeds: string | null;
        clinicalFlags: string[];
        clinicalFlagsNote: string | null;
        /** @description ISO 8601 in UK time, with its offset from UTC */
        recordCreated: string;
        /** @description ISO 8601 in UK time, with its offset from UTC */
        recordLastChanged: string;
      };
      representatives: ({
          kind: string;
          name: string;
          relationship: string | null;
          phone: string | null;
          email: string | null;
          address: string | null;
          scopeOfAuthority: string | null;
          decisionAreas: string[];
          reference: string | null;
          registeredOn: string | null;
          documentSeenOn: string | null;
          ended: string | null;
          endedReason: string | null;
        })[];
      circleOfSupport: ({
          role: string;
          primaryContact: boolean;
          name: string;
          organisation: string;
          jobTitle: string | null;
          email: string | null;
          phone: string | null;
          /** @description A calendar date, YYYY-MM-DD */
          from: string;
          to: string | null;
        })[];
      /** @description Oldest first: messages, incidents, consent, capacity, advice, safeguarding and the rest */
      chronology: ({
          /** @description ISO 8601 in UK time, with its offset from UTC */
          when: string;
          /** @description ISO 8601 in UK time, with its offset from UTC */
          recorded: string;
          /** @description Where the information came from */
          agency: string;
          kind: string;
          text: string;
          recordedBy: string | null;
          /** @description The record it belongs to: a message, an incident, a concern */
          partOf: string | null;
        })[];
      /** @description Oldest first: every time information about them was shared with a partner, or refused */
      sharedWithPartners: ({
          "When (UK time)": string | null;
          Outcome: string | null;
          Organisation: string | null;
          Contact: string | null;
          Purpose: string | null;
          Categories: string | null;
          Basis: string | null;
          "Record relied on": string | null;
          "UK GDPR Article 6": string | null;
          "UK GDPR Article 9": string | null;
          "DPA 2018 condition": string | null;
          "Reasons refused": string | null;
          How: string | null;
          "What was shared": string | null;
          "Shared by": string | null;
        })[];
      /** @description Oldest first: who opened or changed their records, and when */
      accessLog: ({
          /** @description ISO 8601 in UK time, with its offset from UTC */
          from: string;
          /** @description ISO 8601 in UK time, with its offset from UTC */
          to: string;
          who: string;
          what: string;
          detail: string | null;
        })[];
    };
    /** @description RFC 9457 problem details */
    Problem: {
      type: string;
      title: string;
      status: number;
      detail: string;
      instance?: string;
      requestId: string;
      errors?: {
          field: string;
          message: string;
        }[];
      code?: string;
      /** @enum {string} */
      signInStep?: "second_factor" | "enrolment";
    };
    /**
     * @description care_worker, manager, registered_manager, auditor (read-only) or admin
     * @enum {string}
     */
    StaffRole: "care_worker" | "manager" | "registered_manager" | "auditor" | "admin";
    StaffUser: {
      /** Format: uuid */
      id: string;
      email: string;
      displayName: string;
      role: components["schemas"]["StaffRole"];
      disabled: boolean;
      awaitingSetUp: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    Colleague: {
      /** Format: uuid */
      id: string;
      displayName: string;
      role: components["schemas"]["StaffRole"];
      /** @description false once their account is disabled: still named for what they did, no longer an owner */
      current: boolean;
    };
    SetUpLink: {
      url: string;
      /** Format: date-time */
      expiresAt: string;
    };
    CreatedStaffUser: {
      /** Format: uuid */
      id: string;
      email: string;
      displayName: string;
      role: components["schemas"]["StaffRole"];
      disabled: boolean;
      awaitingSetUp: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
      setUpLink: components["schemas"]["SetUpLink"];
    };
    AccountToSetUp: {
      displayName: string;
      email: string;
      organisationName: string;
      /** Format: date-time */
      expiresAt: string;
    };
    PasswordResetRequested: {
      detail: string;
    };
    /**
     * @description The kind of partner organisation or contact, and the role a contact holds for a person
     * @enum {string}
     */
    PartnerType: "advocate" | "social_worker" | "occupational_therapist" | "gp" | "district_nurse" | "community_nurse" | "psychiatrist" | "psychologist" | "physiotherapist" | "consultant" | "dietician" | "speech_and_language_therapist" | "dentist" | "volunteer_or_community_group" | "housing" | "safeguarding_team" | "police" | "commissioner" | "regulator" | "external_care_provider" | "other";
    /** @enum {string} */
    ChannelKind: "phone" | "email" | "secure_email" | "duty_line" | "out_of_hours_line" | "portal" | "other";
    /** @enum {string} */
    ChannelUrgency: "urgent" | "routine" | "out_of_hours";
    /** @description When a channel is staffed, in UK local time (Europe/London): "24/7", or weekday names (monday…sunday) mapped to "HH:MM-HH:MM" spans (24:00 is midnight at the end of the day). A weekday left out is not staffed. */
    WeeklyHours: "24/7";
    PartnerRegisterImportReport: {
      /** @constant */
      imported: true;
      rows: number;
      organisationsCreated: number;
      organisationsMatched: number;
      contactsCreated: number;
      channelsCreated: number;
    };
    PartnerChannel: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      whose: "contact" | "organisation";
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerContactId: string | null;
      kind: components["schemas"]["ChannelKind"];
      value: string;
      label: string | null;
      urgencies: components["schemas"]["ChannelUrgency"][];
      hours: "24/7" | {
        monday?: string[];
        tuesday?: string[];
        wednesday?: string[];
        thursday?: string[];
        friday?: string[];
        saturday?: string[];
        sunday?: string[];
      };
      staffedOnBankHolidays: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    PartnerOrganisation: {
      /** Format: uuid */
      id: string;
      name: string;
      type: components["schemas"]["PartnerType"];
      odsCode: string | null;
      address: string | null;
      notes: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    PartnerOrganisationWithChannels: {
      /** Format: uuid */
      id: string;
      name: string;
      type: components["schemas"]["PartnerType"];
      odsCode: string | null;
      address: string | null;
      notes: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
      channels: components["schemas"]["PartnerChannel"][];
    };
    PartnerContact: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      name: string;
      jobTitle: string | null;
      type: components["schemas"]["PartnerType"];
      email: string | null;
      phone: string | null;
      notes: string | null;
      lastVerifiedAt: string | null;
      lastVerifiedBy: string | null;
      verificationDueAt: string | null;
      /** @description Not verified within your organisation’s verification period */
      isStale: boolean;
      endedAt: string | null;
      endedReason: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    PartnerContactWithChannels: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      name: string;
      jobTitle: string | null;
      type: components["schemas"]["PartnerType"];
      email: string | null;
      phone: string | null;
      notes: string | null;
      lastVerifiedAt: string | null;
      lastVerifiedBy: string | null;
      verificationDueAt: string | null;
      /** @description Not verified within your organisation’s verification period */
      isStale: boolean;
      endedAt: string | null;
      endedReason: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
      channels: components["schemas"]["PartnerChannel"][];
    };
    ChannelNow: {
      /** Format: date-time */
      at: string;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      route: ({
        channel: components["schemas"]["PartnerChannel"];
        /** @enum {string} */
        whose: "contact" | "organisation";
        ownerName: string;
        outOfHours: boolean;
        /** @description Null when staffed around the clock */
        staffedUntil: string | null;
      }) | null;
      /** @description Why this channel, or why there is none, in plain English */
      reason: string;
      /** @description For a routine matter with no route: when one opens */
      nextStaffedAt: string | null;
    };
    /**
     * @description Who an escalation step reaches: a partner contact or channel, or a manager internally
     * @enum {string}
     */
    EscalationTarget: "remind_same_contact" | "next_contact" | "duty_or_out_of_hours_channel" | "senior_contact" | "internal_manager" | "internal_registered_manager";
    /** @description After the deadline (first step) or the previous step. Days are London calendar days; the next working morning is 09:00 on the next weekday that is not a bank holiday. */
    StepDelay: OneOf<[{
      /** @enum {string} */
      unit: "minutes" | "hours" | "days";
      amount: number;
    }, {
      /** @constant */
      unit: "next_working_morning";
    }]>;
    EscalationRoute: {
      steps: {
          delay: components["schemas"]["StepDelay"];
          target: components["schemas"]["EscalationTarget"];
          stopsOnAcknowledgement: boolean;
        }[];
      repeat: {
        lastSteps: number;
        times: number;
      } | null;
    };
    EscalationRouteSetting: {
      /** @enum {string} */
      template: "incident_update" | "request_decision" | "request_resource" | "request_advice" | "request_action" | "safeguarding" | "meeting_request";
      /** @enum {string} */
      urgency: "urgent" | "routine";
      route: components["schemas"]["EscalationRoute"];
      isDefault: boolean;
      /** @description Send it back in If-Match to change the route */
      version: number;
    };
    OutboxEmail: {
      /** Format: uuid */
      id: string;
      to: string;
      /**
       * @description waiting: in the outbox (for a mail server, or to be retried); held: never to be sent
       * @enum {string}
       */
      state: "waiting" | "sent" | "failed" | "held";
      /** @description Why it was held, or the last delivery error */
      why: string | null;
      queuedAt: string;
      sentAt: string | null;
      /** @description The email's subject line, which carries no personal details */
      subject: string;
      /** @description The record the email is about: a partner message, an incident, a safeguarding concern */
      about: ({
        /** @enum {string} */
        type: "partner_message" | "incident" | "concern";
        /** Format: uuid */
        id: string;
        title: string;
        /** @description Where staff open it; null when it no longer exists */
        webPath: string | null;
      }) | null;
      /** @description How many times Liaison has tried to hand it to the mail server */
      attempts: number;
      /** @description For an email waiting: when it is next tried */
      nextAttemptAt: string | null;
    };
    Outbox: {
      /** @description false: no mail server is set up (SMTP_HOST); emails wait in the outbox and are not sent */
      mailServerConfigured: boolean;
      items: components["schemas"]["OutboxEmail"][];
    };
    /**
     * @description Why the information is shared
     * @enum {string}
     */
    SharingPurpose: "care_coordination" | "health_monitoring" | "assessment" | "safeguarding" | "housing" | "advocacy";
    /**
     * @description A kind of information about a person; a share names every kind it contains
     * @enum {string}
     */
    InformationCategory: "identity" | "health" | "care_plan" | "risk" | "safeguarding" | "finances";
    /**
     * @description The confidentiality basis the sharing gate decided on
     * @enum {string}
     */
    ShareBasis: "consent" | "representative_consent" | "best_interests" | "safeguarding";
    /** @enum {string} */
    Article6Condition: "6(1)(a) consent" | "6(1)(b) contract" | "6(1)(c) legal obligation" | "6(1)(d) vital interests" | "6(1)(e) public task" | "6(1)(f) legitimate interests";
    /** @enum {string} */
    Article9Condition: "9(2)(a) explicit consent" | "9(2)(b) employment and social protection" | "9(2)(c) vital interests" | "9(2)(g) substantial public interest" | "9(2)(h) health or social care";
    /** @enum {string} */
    Dpa2018Condition: "Schedule 1 paragraph 18 safeguarding of children and individuals at risk" | "Schedule 1 paragraph 6 statutory and government purposes";
    /**
     * @description Whether the record is in force now
     * @enum {string}
     */
    SharingRecordStatus: "in_force" | "withdrawn" | "lapsed" | "review_overdue" | "not_yet" | "revoked" | "expired";
    ShareRefusalReason: {
      /** @enum {string} */
      code: "no_consent_in_scope" | "consent_withdrawn" | "consent_expired" | "consent_not_yet_given" | "purpose_out_of_scope" | "categories_out_of_scope" | "consent_given_while_lacking_capacity" | "capacity_not_assessed" | "capacity_assessment_overdue" | "person_has_capacity" | "representative_lacks_authority" | "representative_ended" | "lpa_not_registered" | "no_best_interests_decision" | "best_interests_against" | "best_interests_overdue" | "representative_must_decide" | "safeguarding_not_authorised" | "safeguarding_authorisation_expired" | "safeguarding_authorisation_revoked" | "safeguarding_categories_not_authorised";
      message: string;
      recordType?: string;
      /** Format: uuid */
      recordId?: string;
    };
    /** @description The UK GDPR conditions relied on (separate from consent) */
    LawfulBasis: {
      article6: components["schemas"]["Article6Condition"];
      article9: components["schemas"]["Article9Condition"];
      dpa2018: components["schemas"]["Dpa2018Condition"] | null;
    };
    ShareDecision: {
      allowed: boolean;
      basis: components["schemas"]["ShareBasis"] | null;
      record: ({
        /** @enum {string} */
        type: "consent_record" | "best_interests_decision" | "safeguarding_authorisation";
        /** Format: uuid */
        id: string;
      }) | null;
      /** @description The answer in plain English */
      explanation: string;
      reasons: components["schemas"]["ShareRefusalReason"][];
      lawfulBasis: components["schemas"]["LawfulBasis"] | null;
      recipient: {
        /** Format: uuid */
        partnerOrganisationId: string;
        partnerOrganisationName: string;
        partnerContactId: string | null;
        partnerContactName: string | null;
      };
      /** @description The information sharing agreement with the recipient’s organisation that covers this, if any */
      agreement: ({
        /** Format: uuid */
        id: string;
        title: string;
        reference: string | null;
      }) | null;
    };
    ShareLogEntry: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      partnerContactId: string | null;
      partnerContactName: string | null;
      purpose: components["schemas"]["SharingPurpose"];
      categories: components["schemas"]["InformationCategory"][];
      /** @enum {string} */
      outcome: "allowed" | "refused";
      basis: components["schemas"]["ShareBasis"] | null;
      basisRecordType: ("consent_record" | "best_interests_decision" | "safeguarding_authorisation") | null;
      basisRecordId: string | null;
      reasons: components["schemas"]["ShareRefusalReason"][];
      lawfulBasis: components["schemas"]["LawfulBasis"] | null;
      /** @enum {string} */
      delivery: "recorded" | "queued" | "emailed" | "link" | "handed_over" | "exported";
      description: string | null;
      /** @description Who shared or tried to share */
      sharedBy: string;
      /** Format: date-time */
      occurredAt: string;
      queueStatus: ("queued" | "sent" | "held" | "cancelled") | null;
    };
    ShareRefusedProblem: {
      type: string;
      title: string;
      status: number;
      detail: string;
      instance?: string;
      requestId: string;
      errors?: {
          field: string;
          message: string;
        }[];
      code?: string;
      /** @enum {string} */
      signInStep?: "second_factor" | "enrolment";
      reasons?: components["schemas"]["ShareRefusalReason"][];
      /** Format: uuid */
      shareId?: string;
    };
    HeldShare: {
      /** Format: uuid */
      shareId: string;
      /** Format: uuid */
      personId: string;
      personName: string;
      partnerOrganisationName: string;
      partnerContactName: string | null;
      purpose: components["schemas"]["SharingPurpose"];
      categories: components["schemas"]["InformationCategory"][];
      heldReason: string | null;
      heldAt: string | null;
      /** @enum {string} */
      status: "queued" | "sent" | "held" | "cancelled";
    };
    InformationSharingAgreement: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      title: string;
      reference: string | null;
      purposes: components["schemas"]["SharingPurpose"][];
      categories: components["schemas"]["InformationCategory"][];
      startsOn: string;
      endsOn: string | null;
      notes: string | null;
      inForce: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    LawfulBasisDefault: {
      article6: components["schemas"]["Article6Condition"];
      article9: components["schemas"]["Article9Condition"];
      dpa2018: components["schemas"]["Dpa2018Condition"] | null;
      purpose: components["schemas"]["SharingPurpose"];
      updatedAt: string | null;
    };
    /**
     * @description request (for a decision, resource, advice or action), safeguarding (consultation or referral), meeting_request, incident_update, or update (informs only; no deadline or escalation)
     * @enum {string}
     */
    MessageTemplate: "request" | "safeguarding" | "meeting_request" | "incident_update" | "update";
    /**
     * @description What a request asks for
     * @enum {string}
     */
    AskType: "decision" | "resource" | "advice" | "action";
    /**
     * @description sent → acknowledged → accepted or declined → responded or done → closed; or withdrawn
     * @enum {string}
     */
    MessageStatus: "sent" | "acknowledged" | "accepted" | "declined" | "responded" | "done" | "closed" | "withdrawn";
    /** @enum {string} */
    ReceivedHow: "partner_link" | "email" | "phone" | "in_person" | "letter" | "meeting" | "other";
    /** @description Something the writer may want to change; never refuses a send */
    MessageWarning: {
      code: string;
      field: string;
      explanation: string;
      span?: {
        start: number;
        end: number;
        text: string;
      };
      suggestion?: string;
    };
    SendMessage: {
      template: components["schemas"]["MessageTemplate"];
      askType?: components["schemas"]["AskType"] | null;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      /** Format: uuid */
      partnerOrganisationId: string;
      /**
       * Format: uuid
       * @description Who the message is addressed to; the link is emailed to them
       */
      partnerContactId: string;
      /** @description Who the "next contact" escalation step reaches */
      nextContactId?: string | null;
      /** @description Who the "senior contact" escalation step reaches */
      seniorContactId?: string | null;
      /** @description The person the message is about, if any */
      personId?: string | null;
      purpose?: components["schemas"]["SharingPurpose"] | null;
      /** @default [] */
      categories: components["schemas"]["InformationCategory"][];
      /** @description A short title, without personal details: it goes in the email */
      subject: string;
      /** @default */
      summary: string;
      impact?: string | null;
      mitigations?: string | null;
      ask?: string | null;
      body?: string | null;
      deadline?: string | null;
      /** @description Leave out to use the organisation's route for this kind of message and urgency */
      escalationRoute?: components["schemas"]["EscalationRoute"] | null;
    };
    MessageEvent: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: "sent" | "emailed" | "email_failed" | "acknowledged" | "accepted" | "declined" | "responded" | "done" | "call_logged" | "reply_logged" | "note" | "escalated" | "link_issued" | "link_revoked" | "withdrawn" | "closed" | "advice_recorded" | "confirmation_requested" | "confirmation_received" | "email_held" | "link_handed_over" | "sharing_ended" | "share_refused";
      /** @enum {string} */
      actorType: "user" | "api_token" | "partner" | "system";
      actorName: string | null;
      actorRole: string | null;
      how: components["schemas"]["ReceivedHow"] | null;
      text: string | null;
      details: {
        [key: string]: unknown;
      };
      occurredAt: string;
      recordedAt: string;
    };
    MessageSummary: {
      /** Format: uuid */
      id: string;
      template: components["schemas"]["MessageTemplate"];
      askType: components["schemas"]["AskType"] | null;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      subject: string;
      status: components["schemas"]["MessageStatus"];
      personId: string | null;
      personName: string | null;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      /** Format: uuid */
      partnerContactId: string;
      partnerContactName: string;
      deadline: string | null;
      overdue: boolean;
      escalationStepsFired: number;
      sentAt: string;
      version: number;
    };
    MessageDetail: {
      /** Format: uuid */
      id: string;
      template: components["schemas"]["MessageTemplate"];
      askType: components["schemas"]["AskType"] | null;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      subject: string;
      status: components["schemas"]["MessageStatus"];
      personId: string | null;
      personName: string | null;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      /** Format: uuid */
      partnerContactId: string;
      partnerContactName: string;
      deadline: string | null;
      overdue: boolean;
      escalationStepsFired: number;
      sentAt: string;
      version: number;
      purpose: components["schemas"]["SharingPurpose"] | null;
      categories: components["schemas"]["InformationCategory"][];
      shareId: string | null;
      summary: string;
      impact: string | null;
      mitigations: string | null;
      ask: string | null;
      body: string | null;
      sentBy: string;
      acknowledgedAt: string | null;
      acceptedAt: string | null;
      declinedAt: string | null;
      declineReason: string | null;
      respondedAt: string | null;
      doneAt: string | null;
      outcome: string | null;
      closedAt: string | null;
      withdrawnAt: string | null;
      withdrawnReason: string | null;
      confirmsAdviceId: string | null;
      /** @description The incident the message was sent from, if any */
      incidentId: string | null;
      /** @description The record the message was sent from (an incident, a safeguarding concern), if any */
      sentFrom: ({
        /** @enum {string} */
        type: "partner_message" | "incident" | "concern";
        title: string;
        webPath: string;
      }) | null;
      escalationRoute: components["schemas"]["EscalationRoute"] | null;
      steps: ({
          /** Format: uuid */
          id: string;
          index: number;
          target: components["schemas"]["EscalationTarget"];
          stopsOnAcknowledgement: boolean;
          plannedAt: string;
          /** @enum {string} */
          status: "pending" | "fired" | "cancelled";
          firedAt: string | null;
          cancelledReason: string | null;
        })[];
      links: ({
          /** Format: uuid */
          id: string;
          contactName: string | null;
          createdAt: string;
          expiresAt: string;
          revokedAt: string | null;
          lastUsedAt: string | null;
        })[];
      /** @description Every email about this message and where it is */
      emails: ({
          /** Format: uuid */
          id: string;
          to: string;
          /**
           * @description waiting: in the outbox (for a mail server, or to be retried); held: never to be sent
           * @enum {string}
           */
          state: "waiting" | "sent" | "failed" | "held";
          /** @description Why it was held, or the last delivery error */
          why: string | null;
          queuedAt: string;
          sentAt: string | null;
        })[];
      /** @description The basis the message rested on ended after it was delivered: its links show nothing any more */
      sharingEnded: {
        at: string;
        reason: string;
      } | null;
      events: components["schemas"]["MessageEvent"][];
    };
    SentMessage: {
      /** Format: uuid */
      id: string;
      template: components["schemas"]["MessageTemplate"];
      askType: components["schemas"]["AskType"] | null;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      subject: string;
      status: components["schemas"]["MessageStatus"];
      personId: string | null;
      personName: string | null;
      /** Format: uuid */
      partnerOrganisationId: string;
      partnerOrganisationName: string;
      /** Format: uuid */
      partnerContactId: string;
      partnerContactName: string;
      deadline: string | null;
      overdue: boolean;
      escalationStepsFired: number;
      sentAt: string;
      version: number;
      purpose: components["schemas"]["SharingPurpose"] | null;
      categories: components["schemas"]["InformationCategory"][];
      shareId: string | null;
      summary: string;
      impact: string | null;
      mitigations: string | null;
      ask: string | null;
      body: string | null;
      sentBy: string;
      acknowledgedAt: string | null;
      acceptedAt: string | null;
      declinedAt: string | null;
      declineReason: string | null;
      respondedAt: string | null;
      doneAt: string | null;
      outcome: string | null;
      closedAt: string | null;
      withdrawnAt: string | null;
      withdrawnReason: string | null;
      confirmsAdviceId: string | null;
      /** @description The incident the message was sent from, if any */
      incidentId: string | null;
      /** @description The record the message was sent from (an incident, a safeguarding concern), if any */
      sentFrom: ({
        /** @enum {string} */
        type: "partner_message" | "incident" | "concern";
        title: string;
        webPath: string;
      }) | null;
      escalationRoute: components["schemas"]["EscalationRoute"] | null;
      steps: ({
          /** Format: uuid */
          id: string;
          index: number;
          target: components["schemas"]["EscalationTarget"];
          stopsOnAcknowledgement: boolean;
          plannedAt: string;
          /** @enum {string} */
          status: "pending" | "fired" | "cancelled";
          firedAt: string | null;
          cancelledReason: string | null;
        })[];
      links: ({
          /** Format: uuid */
          id: string;
          contactName: string | null;
          createdAt: string;
          expiresAt: string;
          revokedAt: string | null;
          lastUsedAt: string | null;
        })[];
      /** @description Every email about this message and where it is */
      emails: ({
          /** Format: uuid */
          id: string;
          to: string;
          /**
           * @description waiting: in the outbox (for a mail server, or to be retried); held: never to be sent
           * @enum {string}
           */
          state: "waiting" | "sent" | "failed" | "held";
          /** @description Why it was held, or the last delivery error */
          why: string | null;
          queuedAt: string;
          sentAt: string | null;
        })[];
      /** @description The basis the message rested on ended after it was delivered: its links show nothing any more */
      sharingEnded: {
        at: string;
        reason: string;
      } | null;
      events: components["schemas"]["MessageEvent"][];
      /** @description The secure link for the partner, shown once so it can be given another way when email cannot carry it */
      partnerLink: string;
      /**
       * Format: uuid
       * @description The link, to record that it was handed to the partner another way
       */
      partnerLinkId: string;
      /**
       * @description queued: the email waits for the mail server (the gate is asked again as it leaves); no_mail_server: nothing was emailed, give the partner the link another way and record it
       * @enum {string}
       */
      emailState: "queued" | "no_mail_server";
    };
    PartnerView: {
      /** @description The care provider that sent the message */
      organisationName: string;
      template: components["schemas"]["MessageTemplate"];
      askType: components["schemas"]["AskType"] | null;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      subject: string;
      summary: string;
      impact: string | null;
      mitigations: string | null;
      ask: string | null;
      body: string | null;
      personName: string | null;
      /** @description Who the message is about, so the partner can identify them: shared when identity is among the categories */
      person: ({
        fullName: string;
        knownAs: string | null;
        /** @description YYYY-MM-DD */
        dateOfBirth: string | null;
        nhsNumber: string | null;
      }) | null;
      deadline: string | null;
      status: components["schemas"]["MessageStatus"];
      sentAt: string;
      sentBy: string;
      addressedTo: string;
      canAcknowledge: boolean;
      canAcceptOrDecline: boolean;
      canRespond: boolean;
      thread: ({
          /** @enum {string} */
          kind: "sent" | "emailed" | "email_failed" | "acknowledged" | "accepted" | "declined" | "responded" | "done" | "call_logged" | "reply_logged" | "note" | "escalated" | "link_issued" | "link_revoked" | "withdrawn" | "closed" | "advice_recorded" | "confirmation_requested" | "confirmation_received" | "email_held" | "link_handed_over" | "sharing_ended" | "share_refused";
          who: string;
          how: components["schemas"]["ReceivedHow"] | null;
          text: string | null;
          at: string;
        })[];
      linkExpiresAt: string;
    };
    Advice: {
      /** Format: uuid */
      id: string;
      personId: string | null;
      personName: string | null;
      messageId: string | null;
      messageSubject: string | null;
      partnerOrganisationName: string | null;
      givenByName: string;
      givenByRole: string | null;
      givenAt: string;
      receivedHow: components["schemas"]["ReceivedHow"];
      advice: string;
      inWriting: boolean;
      /** @enum {string} */
      confirmationStatus: "not_needed" | "requested" | "confirmed" | "not_requested";
      confirmationMessageId: string | null;
      /** @description The partner contact the request for written confirmation was sent to */
      confirmationRequestedFrom: string | null;
      confirmedAt: string | null;
      confirmedHow: ("partner_link" | "email" | "letter" | "other") | null;
      confirmationNote: string | null;
      appliedIn: {
          /** Format: uuid */
          id: string;
          whatChanged: string;
          why: string;
          madeAt: string;
        }[];
    };
    CarePlanAmendment: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      personId: string;
      adviceId: string | null;
      adviceGivenBy: string | null;
      advice: string | null;
      whatChanged: string;
      why: string;
      madeBy: string;
      madeAt: string;
    };
    AttentionItem: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: "escalated_to_manager" | "escalated_to_registered_manager" | "call_partner" | "email_failed" | "no_route" | "share_refused" | "share_held" | "review_trigger_met" | "restriction_past_review" | "decision_overdue";
      /**
       * @description Every manager, the registered manager, or one member of staff (`sender`: who sent or raised it)
       * @enum {string}
       */
      forRole: "manager" | "registered_manager" | "sender";
      title: string;
      detail: string | null;
      /** @description The record the item is about: a partner message, an incident, a safeguarding concern */
      subject: {
        /** @enum {string} */
        type: "partner_message" | "incident" | "concern";
        /** Format: uuid */
        id: string;
        /** @description What the item is about, in words */
        title: string;
        /** @description Where staff open it; null when it no longer exists */
        webPath: string | null;
      };
      createdAt: string;
      resolvedAt: string | null;
      /** @description The member of staff who marked it dealt with */
      resolvedByName: string | null;
      /** @description Resolved by Liaison because its cause went away; resolutionNote says what happened */
      resolvedAutomatically: boolean;
      resolutionNote: string | null;
    };
    AccessVisit: {
      firstEntryId: number;
      lastEntryId: number;
      /** @description How many audit entries the visit holds (one per page or part read) */
      entries: number;
      /** Format: date-time */
      firstAt: string;
      /** Format: date-time */
      lastAt: string;
      actor: {
        /** @enum {string} */
        type: "user" | "api_token" | "partner" | "system";
        id: string | null;
        role: string | null;
        /** @description The staff member’s, API token’s or partner contact’s name, when it still exists */
        name: string | null;
        /** @description Who, in words: "Priya Shah (Care worker)" */
        description: string;
      };
      /** @description As <entity>.<verb>: person.view, person.update… */
      action: string;
      /** @description The action in words: "Viewed the record" */
      label: string;
      /** @description The visit in words: "Dr Helena Marchbank read the message through a secure link" */
      sentence: string;
      /** @description The parts viewed or the fields changed, in words (never their values) */
      detail: string | null;
      entity: {
        type: string;
        id: string | null;
        /** @description The person’s or staff member’s name, for those records */
        name: string | null;
      };
      /** @enum {string} */
      outcome: "success" | "denied" | "failed";
      requestId: string | null;
    };
    AccessHistory: {
      subject: {
        /** @enum {string} */
        kind: "entity" | "actor";
        /** @description person, user, api_token, partner… or actor when the id names no known record */
        type: string;
        id: string;
        name: string | null;
      };
      items: components["schemas"]["AccessVisit"][];
    };
    AuditActions: {
      items: {
          action: string;
          label: string;
        }[];
    };
    AuditSignedCheckpoint: {
      checkpoint: {
        format: string;
        orgId: string;
        size: number;
        headHash: string;
        time: string;
        previous: {
          size: number;
          headHash: string;
          digest: string;
        } | null;
        rollbackAccepted: boolean;
      };
      keyId: string;
      signature: string;
    };
    AuditInclusionProof: {
      proof: {
        /** @constant */
        format: "liaison-audit-proof/1";
        /** @constant */
        type: "inclusion";
        orgId: string;
        entryId: number;
        /** @description The entry’s position in the tree, from 1 */
        seq: number;
        treeSize: number;
        /** @description The tree head at treeSize (RFC 9162 MTH) */
        rootHash: string;
        /** @description The entry as its leaf covers it: RFC 8785 canonical JSON */
        entry: string;
        /** @description SHA-256(0x00 ‖ entry) */
        leafHash: string;
        /** @description The audit path (RFC 9162 §2.1.3), from the leaf up */
        path: string[];
      };
      checkpoint: components["schemas"]["AuditSignedCheckpoint"] | null;
    };
    AuditConsistencyProof: {
      proof: {
        /** @constant */
        format: "liaison-audit-proof/1";
        /** @constant */
        type: "consistency";
        orgId: string;
        fromSize: number;
        toSize: number;
        fromRoot: string;
        toRoot: string;
        /** @description The consistency proof (RFC 9162 §2.1.4) */
        path: string[];
      };
      checkpoints: {
        from: components["schemas"]["AuditSignedCheckpoint"] | null;
        to: components["schemas"]["AuditSignedCheckpoint"] | null;
      };
    };
    AuditChainReport: {
      verified: boolean;
      sealedEntries: number;
      unsealedEntries: number;
      oldestUnsealedAgeMs: number | null;
      firstBadSeq: number | null;
      problem: string | null;
      checkpoint: {
        /** @enum {string} */
        status: "verified" | "failed" | "none";
        entriesSinceCheckpoint: number | null;
        msSinceCheckpoint: number | null;
        size: number | null;
        signedAt: string | null;
        problem: string | null;
      };
    };
    Session: {
      user: {
        /** Format: uuid */
        id: string;
        displayName: string;
        email: string | null;
        role: components["schemas"]["StaffRole"];
      };
      organisation: {
        /** Format: uuid */
        id: string;
        name: string;
      };
      csrfToken: string | null;
      /** @enum {string} */
      signInStep: "complete" | "second_factor" | "enrolment";
    };
    MfaEnrolment: {
      secret: string;
      otpauthUri: string;
      qrCodeDataUrl: string;
    };
    RecoveryCodes: {
      recoveryCodes: string[];
    };
    MfaStatus: {
      enabled: boolean;
      enabledAt: string | null;
      required: boolean;
      recoveryCodesLeft: number;
      canTurnOff: boolean;
    };
    ApiToken: {
      /** Format: uuid */
      id: string;
      name: string;
      role: components["schemas"]["StaffRole"];
      /** @enum {string} */
      status: "awaiting_approval" | "active" | "refused" | "revoked" | "expired";
      requestedBy: string;
      /** Format: date-time */
      createdAt: string;
      expiresAt: string | null;
      revokedAt: string | null;
      decidedAt: string | null;
    };
    CreatedApiToken: {
      /** Format: uuid */
      id: string;
      name: string;
      role: components["schemas"]["StaffRole"];
      token: string;
      awaitingApproval: boolean;
      /** Format: date-time */
      createdAt: string;
      expiresAt: string | null;
    };
    /** @description A service or location the organisation runs */
    CareService: {
      /** Format: uuid */
      id: string;
      name: string;
      address: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    /** @description One entry of a merged chronology */
    ChronologyEntry: {
      /** @description Which record it comes from: partner_messages, incidents, consent, consent_withdrawals, mental_capacity, safeguarding_authorisations, advice, safeguarding_shares, concern_entries, concern_advice */
      source: string;
      /**
       * Format: uuid
       * @description The entry’s id within its source
       */
      id: string;
      /**
       * Format: date-time
       * @description When what it records happened
       */
      occurredAt: string;
      /**
       * Format: date-time
       * @description When it was recorded
       */
      recordedAt: string;
      /** @description The agency the information came from: the provider or a partner organisation */
      agency: string;
      /** @description What kind of entry it is, in words */
      kindLabel: string;
      /** @description What the entry says */
      text: string;
      /** @description Who recorded it, when known */
      recordedBy: string | null;
      /** @description The record the entry belongs to */
      subject: {
        /** @description message, incident, concern, person or advice */
        type: string;
        /** Format: uuid */
        id: string;
        /** @description The record’s title, for a link */
        title: string;
      } | null;
    };
    ChronologyPage: {
      /** @description Newest first */
      items: components["schemas"]["ChronologyEntry"][];
      /** @description Pass as `before` for the next (older) page; null on the last page */
      nextBefore: string | null;
    };
    /**
     * @description Conditions used to rank who is most at risk when services are disrupted
     * @enum {string}
     */
    ClinicalFlag: "diabetes" | "epilepsy" | "respiratory_condition" | "dysphagia" | "anticoagulants" | "insulin_dependent" | "heart_condition" | "dementia" | "mobility_risk" | "pressure_ulcer_risk" | "oxygen_dependent" | "other";
    /** @enum {string} */
    PersonStatus: "active" | "left" | "died";
    /**
     * @description Legally authorised: lpa_health_and_welfare, lpa_property_and_financial_affairs, court_appointed_deputy. Not legally authorised to decide: advocate, imca, imha, next_of_kin.
     * @enum {string}
     */
    RepresentativeKind: "lpa_health_and_welfare" | "lpa_property_and_financial_affairs" | "court_appointed_deputy" | "advocate" | "imca" | "imha" | "next_of_kin";
    Person: {
      /** Format: uuid */
      id: string;
      givenName: string;
      familyName: string;
      preferredName: string | null;
      /** @description Null only for people recorded before it was required */
      dateOfBirth: string | null;
      /** @description Null only for people recorded before it was required */
      address: string | null;
      postcode: string | null;
      nhsNumber: string | null;
      careServiceId: string | null;
      careServiceName: string | null;
      communicationNeeds: string | null;
      clinicalFlags: components["schemas"]["ClinicalFlag"][];
      clinicalFlagsNote: string | null;
      status: components["schemas"]["PersonStatus"];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    PersonRepresentative: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      personId: string;
      kind: components["schemas"]["RepresentativeKind"];
      /** @description An attorney or deputy: may make decisions within their authority */
      isLegallyAuthorised: boolean;
      name: string;
      relationship: string | null;
      phone: string | null;
      email: string | null;
      address: string | null;
      partnerContactId: string | null;
      scopeOfAuthority: string | null;
      deputyDecisions: ("property_and_financial_affairs" | "personal_welfare")[];
      reference: string | null;
      registeredOn: string | null;
      documentSeenOn: string | null;
      documentSeenBy: string | null;
      endedAt: string | null;
      endedReason: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    CircleMember: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      personId: string;
      role: components["schemas"]["PartnerType"];
      isPrimary: boolean;
      startedOn: string;
      endedOn: string | null;
      partnerContact: {
        /** Format: uuid */
        id: string;
        name: string;
        type: components["schemas"]["PartnerType"];
        jobTitle: string | null;
        email: string | null;
        phone: string | null;
        /** Format: uuid */
        partnerOrganisationId: string;
        partnerOrganisationName: string;
        hasMovedOn: boolean;
      };
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    PersonLinkedToContact: {
      person: {
        /** Format: uuid */
        id: string;
        givenName: string;
        familyName: string;
        preferredName: string | null;
        status: components["schemas"]["PersonStatus"];
        careServiceName: string | null;
      };
      /** Format: uuid */
      circleMemberId: string;
      role: components["schemas"]["PartnerType"];
      isPrimary: boolean;
      startedOn: string;
    };
    ConsentRecord: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      givenBy: "person" | "representative";
      representative: {
        /** Format: uuid */
        id: string;
        name: string;
        kind: components["schemas"]["RepresentativeKind"];
      } | null;
      scope: {
        partnerOrganisations: {
            /** Format: uuid */
            id: string;
            name: string;
          }[];
        partnerContacts: {
            /** Format: uuid */
            id: string;
            name: string;
            organisationName: string;
          }[];
        partnerTypes: components["schemas"]["PartnerType"][];
      };
      purposes: components["schemas"]["SharingPurpose"][];
      categories: components["schemas"]["InformationCategory"][];
      /** @enum {string} */
      recordedHow: "signed_form" | "easy_read_form" | "verbal" | "electronic" | "other";
      notes: string | null;
      givenOn: string;
      reviewOn: string;
      recordedBy: string | null;
      /** Format: date-time */
      createdAt: string;
      withdrawal: ({
        /** Format: date-time */
        at: string;
        /** @enum {string} */
        by: "person" | "representative";
        representativeName: string | null;
        reason: string | null;
        recordedBy: string | null;
      }) | null;
      status: components["schemas"]["SharingRecordStatus"];
    };
    WorkItem: {
      /** @description What it is, in words */
      title: string;
      /** @description Who it is with or about, in words */
      detail: string | null;
      /** @description When it is due, to the minute (a deadline) */
      dueAt: string | null;
      /** @description The day it is due (a review date), a London day */
      dueOn: string | null;
      /** @description When it began waiting: the reply, the incident’s start */
      since: string | null;
      overdue: boolean;
      /** @description Where it is dealt with in the web app; null when the caller cannot open it */
      webPath: string | null;
    };
    WorkGroup: {
      /** @enum {string} */
      kind: "needs_attention" | "concern_decisions_overdue" | "concern_triggers_met" | "incidents_open" | "requests_overdue" | "replies_received" | "actions_due" | "reviews_due" | "contacts_to_recheck" | "concerns_open";
      /** @description How many in all; `items` holds only the most urgent few */
      count: number;
      /** @description Only the caller’s own: messages they sent, actions they lead */
      mine: boolean;
      items: components["schemas"]["WorkItem"][];
      /** @description Where the whole list is in the web app */
      webPath: string | null;
    };
    HomeWork: {
      /** @description The auditor: what is waiting, to look at; nothing on it is for them to act on */
      readOnly: boolean;
      /** @description Only kinds with something in them, what cannot wait first (the order of WorkGroup.kind) */
      groups: components["schemas"]["WorkGroup"][];
    };
    /** @enum {string} */
    IncidentType: "staffing" | "heating" | "flood" | "power" | "environmental" | "digital_failure" | "transport" | "medication_supply" | "equipment" | "external_provider_failure" | "other";
    /** @enum {string} */
    IncidentSeverity: "minor" | "moderate" | "major" | "critical";
    /** @enum {string} */
    RiskLevel: "high" | "medium" | "low";
    CreateIncident: {
      type: components["schemas"]["IncidentType"];
      /** @description A short name, without personal details: it goes in partner emails */
      title: string;
      summary: string;
      severity: components["schemas"]["IncidentSeverity"];
      /** Format: date-time */
      startedAt: string;
      /** @default [] */
      careServiceIds: string[];
      /** @default [] */
      locations: string[];
      /**
       * Format: uuid
       * @description The member of staff leading the response
       */
      leadId: string;
      /**
       * Format: uuid
       * @description The member of staff who owns communication with partners
       */
      partnerLiaisonId: string;
      /** @description The route the incident's messages carry; left out, each kind of message keeps its own */
      escalationRoute?: components["schemas"]["EscalationRoute"] | null;
    };
    Incident: {
      /** Format: uuid */
      id: string;
      type: components["schemas"]["IncidentType"];
      title: string;
      summary: string;
      severity: components["schemas"]["IncidentSeverity"];
      /** @enum {string} */
      status: "open" | "closed";
      startedAt: string;
      endedAt: string | null;
      careServices: {
          /** Format: uuid */
          id: string;
          name: string;
        }[];
      locations: string[];
      lead: {
        /** Format: uuid */
        id: string;
        name: string;
      };
      partnerLiaison: {
        /** Format: uuid */
        id: string;
        name: string;
      };
      escalationRoute: unknown;
      affectedPeople: number;
      closedAt: string | null;
      version: number;
    };
    AffectedPerson: {
      /** Format: uuid */
      personId: string;
      name: string;
      careServiceName: string | null;
      /** @description The level in force: the lead’s adjustment if any, else the ranking */
      level: components["schemas"]["RiskLevel"];
      rankedLevel: components["schemas"]["RiskLevel"];
      score: number;
      reasons: {
          points: number;
          reason: string;
        }[];
      /** @description The version of the risk points table the ranking was made with (1: the standard table) */
      rankedWith: number;
      adjustment: ({
        level: components["schemas"]["RiskLevel"];
        reason: string;
        by: string | null;
        at: string;
      }) | null;
      observationPlan: string | null;
      addedAt: string;
    };
    InterimMeasure: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: "room_move" | "additional_checks" | "temporary_equipment" | "alternative_accommodation_request" | "staffing_cover" | "other";
      description: string;
      personId: string | null;
      owner: string;
      startsAt: string;
      endedAt: string | null;
    };
    IncidentRecord: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: "decision" | "reading" | "hazard" | "note" | "gate_refusal";
      occurredAt: string;
      recordedAt: string;
      recordedBy: string;
      decision: string | null;
      evidence: string | null;
      rationale: string | null;
      advice: {
          /** Format: uuid */
          id: string;
          givenBy: string;
          advice: string;
        }[];
      location: string | null;
      measure: string | null;
      value: number | null;
      unit: string | null;
      note: string | null;
      /** @description A gate refusal: the share log entry naming the recipient and every reason */
      shareId: string | null;
    };
    ProposedMessage: {
      key: string;
      /** @description What is asked, in a few words: "Repair needed", "Advice needed" */
      headline: string;
      why: string;
      alreadySent: boolean;
      /** @description The message already sent for this proposal, if any */
      sentMessageId: string | null;
      personName: string | null;
      partnerOrganisationName: string;
      partnerContactName: string;
      /** @description A body for POST /api/incidents/{id}/messages */
      draft: {
        template: components["schemas"]["MessageTemplate"];
        askType?: components["schemas"]["AskType"] | null;
        /** @enum {string} */
        urgency: "urgent" | "routine";
        partnerOrganisationId: string;
        partnerContactId: string;
        nextContactId?: string | null;
        seniorContactId?: string | null;
        personId?: string | null;
        purpose?: components["schemas"]["SharingPurpose"] | null;
        categories: components["schemas"]["InformationCategory"][];
        subject: string;
        summary: string;
        impact?: string | null;
        mitigations?: string | null;
        ask?: string | null;
        body?: string | null;
        deadline?: string | null;
        escalationRoute?: components["schemas"]["EscalationRoute"] | null;
      };
    };
    IncidentTimelineEntry: {
      at: string;
      /** @enum {string} */
      kind: "incident.started" | "incident.ended" | "incident.closed" | "person.added" | "person.risk_adjusted" | "measure.started" | "measure.ended" | "decision" | "reading" | "hazard" | "note" | "gate_refusal" | "message.sent" | "message.emailed" | "message.email_failed" | "message.acknowledged" | "message.accepted" | "message.declined" | "message.responded" | "message.done" | "message.call_logged" | "message.reply_logged" | "message.note" | "message.escalated" | "message.link_issued" | "message.link_revoked" | "message.withdrawn" | "message.closed" | "message.advice_recorded" | "message.confirmation_requested" | "message.confirmation_received" | "message.email_held" | "message.link_handed_over" | "message.sharing_ended" | "message.share_refused";
      text: string;
      who: string | null;
      messageId: string | null;
      personId: string | null;
    };
    ReviewRequest: {
      /** Format: uuid */
      messageId: string;
      subject: string;
      /** @enum {string} */
      template: "request" | "safeguarding" | "meeting_request" | "incident_update" | "update";
      /** Format: uuid */
      partnerOrganisationId: string;
      partner: string;
      contact: string;
      sentAt: string;
      sentEventId: string | null;
      deadline: string | null;
      /** @enum {string} */
      awaits: "response" | "acknowledgement" | "nothing";
      /** @description The first acknowledgement entry on the thread; a reply does not stand in for one */
      acknowledgement: {
        at: string;
        minutes: number;
        /** Format: uuid */
        eventId: string;
      } | null;
      response: ({
        at: string;
        minutes: number;
        /** @enum {string} */
        kind: "responded" | "done" | "declined";
        /** Format: uuid */
        eventId: string;
      }) | null;
      /** @description What the message waits for has come */
      answered: boolean;
      /**
       * @description Judged on the response (a request) or on receipt (an incident update), at the review’s time
       * @enum {string}
       */
      deadlineOutcome: "met" | "missed" | "not_yet_due" | "no_deadline";
      /** @description How far before (met) or after (missed) the deadline, in minutes; null when there is none to measure */
      deadlineMinutes: number | null;
      escalation: {
        steps: number;
        furthestTarget: components["schemas"]["EscalationTarget"] | null;
        reachedManagers: boolean;
        /** @description The escalation entries counted */
        eventIds: string[];
      };
    };
    ReviewFigures: {
      /** @constant */
      figuresVersion: 2;
      generatedAt: string;
      incident: {
        title: string;
        type: components["schemas"]["IncidentType"];
        severity: components["schemas"]["IncidentSeverity"];
        startedAt: string;
        endedAt: string | null;
        durationMinutes: number | null;
      };
      people: {
        total: number;
        high: number;
        medium: number;
        low: number;
      };
      firstPartnerContact: {
        at: string;
        minutesFromStart: number;
        partner: string;
        /** Format: uuid */
        messageId: string;
      } | null;
      /** @description Messages to partners: not Liaison's own requests for written confirmation, nor withdrawn ones */
      messagesSent: number;
      messages: {
        toPartners: {
          count: number;
          /** @description The messages counted */
          messageIds: string[];
        };
        confirmationRequests: {
          count: number;
          /** @description The messages counted */
          messageIds: string[];
        };
        withdrawn: {
          count: number;
          /** @description The messages counted */
          messageIds: string[];
        };
      };
      requests: components["schemas"]["ReviewRequest"][];
      partners: ({
          /** Format: uuid */
          partnerOrganisationId: string;
          name: string;
          messages: number;
          /** @description The messages counted */
          messageIds: string[];
          firstContactAt: string;
          acknowledged: number;
          /** @description The acknowledgement entries counted */
          acknowledgementEventIds: string[];
          /** @description The messages never acknowledged counted */
          notAcknowledgedMessageIds: string[];
          /** @description The quickest acknowledgement, in minutes; null when there is none to measure */
          firstAcknowledgementMinutes: number | null;
          /** @description The median time to acknowledge, in minutes; null when there is none to measure */
          medianMinutesToAcknowledge: number | null;
          responded: number;
          /** @description The response entries counted */
          responseEventIds: string[];
          /** @description The median time to respond, in minutes; null when there is none to measure */
          medianMinutesToRespond: number | null;
          /** @description The slowest response, in minutes; null when there is none to measure */
          slowestMinutesToRespond: number | null;
          notResponded: number;
          /** @description The messages still waiting for what they asked counted */
          notRespondedMessageIds: string[];
          /** @description The messages answered by their deadline counted */
          deadlinesMetMessageIds: string[];
          /** @description The messages answered late, or not by their deadline counted */
          deadlinesMissedMessageIds: string[];
          /** @description The messages unanswered whose deadline had not passed counted */
          notYetDueMessageIds: string[];
          furthestEscalation: components["schemas"]["EscalationTarget"] | null;
        })[];
      escalated: {
          /** Format: uuid */
          messageId: string;
          subject: string;
          partner: string;
          stepsFired: number;
          furthestTarget: components["schemas"]["EscalationTarget"];
          reachedManagers: boolean;
          answered: boolean;
          /** @description The escalation entries counted */
          eventIds: string[];
        }[];
      nonResponses: ({
          /** Format: uuid */
          messageId: string;
          subject: string;
          partner: string;
          contact: string;
          sentAt: string;
          deadline: string | null;
          acknowledged: boolean;
          /**
           * @description Judged on the response (a request) or on receipt (an incident update), at the review’s time
           * @enum {string}
           */
          deadlineOutcome: "met" | "missed" | "not_yet_due" | "no_deadline";
          /** @description How far past the deadline, in minutes; null when there is none to measure */
          deadlineMinutes: number | null;
        })[];
      writtenConfirmation: ({
          /** Format: uuid */
          adviceId: string;
          givenBy: string;
          partner: string | null;
          givenAt: string;
          /** @enum {string} */
          receivedHow: "partner_link" | "email" | "phone" | "in_person" | "letter" | "meeting" | "other";
          /** @enum {string} */
          status: "not_needed" | "requested" | "confirmed" | "not_requested";
          confirmedAt: string | null;
          /** @description From the advice to its written confirmation, in minutes; null when there is none to measure */
          minutesToConfirm: number | null;
          messageId: string | null;
          confirmationMessageId: string | null;
          /** @description The advice entries on the thread counted */
          eventIds: string[];
        })[];
      /** @description The median time from advice to written confirmation, in minutes; null when there is none to measure */
      medianMinutesToWrittenConfirmation: number | null;
      gateRefusals: ({
          /** Format: uuid */
          recordId: string;
          /** Format: uuid */
          shareId: string;
          at: string;
          by: string;
          person: string;
          partner: string;
          contact: string | null;
          /** @enum {string} */
          purpose: "care_coordination" | "health_monitoring" | "assessment" | "safeguarding" | "housing" | "advocacy";
          reasons: {
              code: string;
              message: string;
            }[];
        })[];
      decisions: ({
          /** Format: uuid */
          recordId: string;
          at: string;
          by: string;
          decision: string;
          evidence: string;
          rationale: string;
          advice: ({
              /** Format: uuid */
              adviceId: string;
              givenBy: string;
              advice: string;
              /** @enum {string} */
              receivedHow: "partner_link" | "email" | "phone" | "in_person" | "letter" | "meeting" | "other";
              /** @enum {string} */
              confirmation: "not_needed" | "requested" | "confirmed" | "not_requested";
            })[];
        })[];
      measures: ({
          /** @enum {string} */
          kind: "room_move" | "additional_checks" | "temporary_equipment" | "alternative_accommodation_request" | "staffing_cover" | "other";
          description: string;
          owner: string;
          startsAt: string;
          endedAt: string | null;
          minutesInPlace: number | null;
        })[];
    };
    /** @description A review closed before figuresVersion 2, kept as it was worked out then */
    EarlierReviewFigures: {
      [key: string]: unknown;
    };
    IncidentReview: {
      /** @enum {string} */
      status: "open" | "closed";
      /** @description False while the incident is open: the figures are a preview */
      final: boolean;
      closedAt: string | null;
      findings: string | null;
      figures: components["schemas"]["ReviewFigures"] | components["schemas"]["EarlierReviewFigures"];
      learningActions: ({
          /** Format: uuid */
          id: string;
          action: string;
          owner: string;
          /** Format: uuid */
          ownerId: string;
          dueOn: string;
          doneAt: string | null;
        })[];
      /** @description What happened after the incident closed (replies to its messages, measures recorded as ended), oldest first. The figures, kept as they stood at closing, do not count it */
      sinceClosing: components["schemas"]["IncidentTimelineEntry"][];
    };
    SetIncidentRiskPoints: {
      /** @description A person is at high risk from this score */
      highFrom: number;
      /** @description A person is at medium risk from this score, below the high one */
      mediumFrom: number;
      /** @description Every line of the table, with its points */
      points: {
        /** @description Diabetes */
        diabetes: number;
        /** @description Diabetes, when staff are short, medicines are late or transport fails */
        diabetes_missed_care: number;
        /** @description Depends on insulin */
        insulin_dependent: number;
        /** @description Depends on insulin, when staff are short, medicines are late or transport fails */
        insulin_missed_doses: number;
        /** @description Depends on insulin, in a power cut */
        insulin_no_power: number;
        /** @description Epilepsy */
        epilepsy: number;
        /** @description Epilepsy, when staff are short or medicines are late */
        epilepsy_missed_care: number;
        /** @description A respiratory condition */
        respiratory_condition: number;
        /** @description A respiratory condition, when the heating, power or building fails */
        respiratory_cold: number;
        /** @description A heart condition */
        heart_condition: number;
        /** @description A heart condition, when the heating, power or building fails */
        heart_cold: number;
        /** @description Depends on oxygen */
        oxygen_dependent: number;
        /** @description Depends on oxygen, in a power cut or equipment failure */
        oxygen_no_power: number;
        /** @description Takes anticoagulants */
        anticoagulants: number;
        /** @description Takes anticoagulants, when medicines are late or staff are short */
        anticoagulants_missed_doses: number;
        /** @description Swallowing difficulties */
        dysphagia: number;
        /** @description Swallowing difficulties, when staff are short */
        dysphagia_meals: number;
        /** @description Limited mobility */
        mobility_risk: number;
        /** @description Limited mobility, in a flood, power cut or heating failure */
        mobility_moving: number;
        /** @description At risk of pressure ulcers */
        pressure_ulcer_risk: number;
        /** @description At risk of pressure ulcers, when staff are short or equipment fails */
        pressure_ulcer_repositioning: number;
        /** @description Dementia */
        dementia: number;
        /** @description Dementia, when staff are short or the building fails */
        dementia_routine: number;
        /** @description Another recorded condition */
        other_condition: number;
        /** @description Aged 85 or over */
        aged_85: number;
        /** @description Aged 85 or over, when the heating, power or building fails (instead of the line above) */
        aged_85_cold: number;
        /** @description Aged 75 to 84, when the heating, power or building fails */
        aged_75_cold: number;
        /** @description Has communication needs */
        communication_needs: number;
      };
    };
    IncidentRiskPoints: {
      /** @description Version 1 is Liaison’s standard table; each change adds one */
      version: number;
      /** @description The organisation has not changed the table */
      isStandard: boolean;
      /** @description The version that ranks people added to an incident now */
      isInForce: boolean;
      /** @description Who set this version; null for the standard table */
      setBy: string | null;
      setAt: string | null;
      highFrom: number;
      mediumFrom: number;
      points: {
        /** @description Diabetes */
        diabetes: number;
        /** @description Diabetes, when staff are short, medicines are late or transport fails */
        diabetes_missed_care: number;
        /** @description Depends on insulin */
        insulin_dependent: number;
        /** @description Depends on insulin, when staff are short, medicines are late or transport fails */
        insulin_missed_doses: number;
        /** @description Depends on insulin, in a power cut */
        insulin_no_power: number;
        /** @description Epilepsy */
        epilepsy: number;
        /** @description Epilepsy, when staff are short or medicines are late */
        epilepsy_missed_care: number;
        /** @description A respiratory condition */
        respiratory_condition: number;
        /** @description A respiratory condition, when the heating, power or building fails */
        respiratory_cold: number;
        /** @description A heart condition */
        heart_condition: number;
        /** @description A heart condition, when the heating, power or building fails */
        heart_cold: number;
        /** @description Depends on oxygen */
        oxygen_dependent: number;
        /** @description Depends on oxygen, in a power cut or equipment failure */
        oxygen_no_power: number;
        /** @description Takes anticoagulants */
        anticoagulants: number;
        /** @description Takes anticoagulants, when medicines are late or staff are short */
        anticoagulants_missed_doses: number;
        /** @description Swallowing difficulties */
        dysphagia: number;
        /** @description Swallowing difficulties, when staff are short */
        dysphagia_meals: number;
        /** @description Limited mobility */
        mobility_risk: number;
        /** @description Limited mobility, in a flood, power cut or heating failure */
        mobility_moving: number;
        /** @description At risk of pressure ulcers */
        pressure_ulcer_risk: number;
        /** @description At risk of pressure ulcers, when staff are short or equipment fails */
        pressure_ulcer_repositioning: number;
        /** @description Dementia */
        dementia: number;
        /** @description Dementia, when staff are short or the building fails */
        dementia_routine: number;
        /** @description Another recorded condition */
        other_condition: number;
        /** @description Aged 85 or over */
        aged_85: number;
        /** @description Aged 85 or over, when the heating, power or building fails (instead of the line above) */
        aged_85_cold: number;
        /** @description Aged 75 to 84, when the heating, power or building fails */
        aged_75_cold: number;
        /** @description Has communication needs */
        communication_needs: number;
      };
    };
    CapacityAssessment: {
      /** Format: uuid */
      id: string;
      decision: string;
      purposes: components["schemas"]["SharingPurpose"][];
      categories: components["schemas"]["InformationCategory"][];
      impairment: boolean;
      impairmentNote: string | null;
      canUnderstand: boolean;
      canRetain: boolean;
      canUseOrWeigh: boolean;
      canCommunicate: boolean;
      /** @enum {string} */
      outcome: "has_capacity" | "lacks_capacity";
      reasons: string;
      assessorUserId: string | null;
      assessorName: string;
      assessorRole: string | null;
      assessedOn: string;
      reviewOn: string;
      /** Format: date-time */
      createdAt: string;
      status: components["schemas"]["SharingRecordStatus"];
    };
    BestInterestsDecision: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      capacityAssessmentId: string;
      decision: string;
      scope: {
        partnerOrganisations: {
            /** Format: uuid */
            id: string;
            name: string;
          }[];
        partnerContacts: {
            /** Format: uuid */
            id: string;
            name: string;
            organisationName: string;
          }[];
        partnerTypes: components["schemas"]["PartnerType"][];
      };
      purposes: components["schemas"]["SharingPurpose"][];
      categories: components["schemas"]["InformationCategory"][];
      consulted: string;
      wishesAndFeelings: string;
      /** @enum {string} */
      outcome: "share" | "do_not_share";
      rationale: string;
      decisionMaker: string;
      decidedOn: string;
      reviewOn: string;
      /** Format: date-time */
      createdAt: string;
      status: components["schemas"]["SharingRecordStatus"];
    };
    Organisation: {
      /** Format: uuid */
      id: string;
      name: string;
      registrationNumber: string | null;
      registeredManagerName: string | null;
      address: string | null;
      logoDataUrl: string | null;
      contactVerificationDays: number;
      mfaAlsoRequiredFor: ("care_worker" | "auditor")[];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    /**
     * @description low, medium or high; every change needs a reason
     * @enum {string}
     */
    ConcernLevel: "low" | "medium" | "high";
    /**
     * @description raised → triage → advice_sought → referred (section 42 concern to the local authority) or not_referred → enquiry or plan → closed
     * @enum {string}
     */
    ConcernStatus: "raised" | "triage" | "advice_sought" | "referred" | "not_referred" | "enquiry" | "plan" | "closed";
    /**
     * @description Care Act 2014 category of abuse or neglect, coded as the Safeguarding Adults Collection type
     * @enum {string}
     */
    AbuseCategory: "physical" | "sexual" | "psychological" | "financial_or_material" | "discriminatory" | "organisational" | "neglect_and_acts_of_omission" | "domestic_abuse" | "sexual_exploitation" | "modern_slavery" | "self_neglect";
    /**
     * @description Location of risk, as the Safeguarding Adults Collection records it
     * @enum {string}
     */
    RiskLocation: "own_home" | "in_the_community" | "in_a_community_service" | "care_home_nursing" | "care_home_residential" | "hospital_acute" | "hospital_mental_health" | "hospital_community" | "other";
    /**
     * @description Who the alleged source is; person_supported needs sourcePersonId
     * @enum {string}
     */
    SourceOfRisk: "person_supported" | "service_provider" | "known_to_individual" | "unknown_to_individual" | "not_known";
    /** @enum {string} */
    ConcernEntryKind: "observation" | "blocked_access" | "visible_injury" | "threat" | "distress" | "disclosure" | "change_in_presentation" | "contact_with_partner" | "decision" | "raised" | "level_changed" | "status_changed" | "trigger_met" | "advice_recorded" | "referral_sent" | "advice_requested" | "local_authority_decision" | "advocacy" | "plan" | "restriction" | "closed";
    /**
     * @description The kinds of chronology entry staff record; the others Liaison writes as things happen
     * @enum {string}
     */
    StaffConcernEntryKind: "observation" | "blocked_access" | "visible_injury" | "threat" | "distress" | "disclosure" | "change_in_presentation" | "contact_with_partner" | "decision";
    RaiseConcern: {
      /**
       * Format: uuid
       * @description The adult at risk
       */
      personId: string;
      /**
       * Format: date-time
       * @description When it happened (or was first noticed)
       */
      occurredAt: string;
      /** @description What happened, in facts: what was seen, heard or told */
      whatHappened: string;
      category: components["schemas"]["AbuseCategory"];
      locationOfRisk: components["schemas"]["RiskLocation"];
      /** @description Where exactly, e.g. "Flat 3 communal lounge": related concerns match it */
      locationDetail?: string | null;
      sourceKind: components["schemas"]["SourceOfRisk"];
      /** @description The alleged source, when they are a person supported */
      sourcePersonId?: string | null;
      /** @description The alleged source when not a person supported, e.g. "new acquaintance, first name Dan" */
      sourceDescription?: string | null;
      /** @description Who else was there */
      othersPresent?: string | null;
      /** @description Other people at risk, children included */
      othersAtRisk?: string | null;
      /**
       * @description Whether any child is at risk
       * @default false
       */
      childrenAtRisk: boolean;
      /** @description What was done straight away to keep people safe */
      immediateActions: string;
      level: components["schemas"]["ConcernLevel"];
    };
    UpdateConcern: {
      level?: components["schemas"]["ConcernLevel"];
      /** @description Why the level changes: required with level, and written into the chronology */
      levelReason?: string | null;
      /** @description The short "need to know" summary staff other than managers see (what they must do or avoid), without details of the concern */
      needToKnow?: string | null;
      locationDetail?: string | null;
      othersAtRisk?: string | null;
      childrenAtRisk?: boolean;
    };
    ChangeConcernStatus: {
      /**
       * @description Close a concern through its close route
       * @enum {string}
       */
      status: "raised" | "triage" | "advice_sought" | "referred" | "not_referred" | "enquiry" | "plan";
      /** @description Why: for not_referred, the reason the concern is not referred */
      reason: string;
    };
    CloseConcern: {
      /**
       * @description The Safeguarding Adults Collection risk outcome
       * @enum {string}
       */
      outcome: "risk_remained" | "risk_reduced" | "risk_removed";
      /** @description What the organisation learnt, signed off by the manager closing it */
      lessonsLearnt: string;
    };
    RecordAdvocacy: {
      /**
       * @description Offered, accepted or declined
       * @enum {string}
       */
      status: "offered" | "accepted" | "declined";
      /** @description The advocate, once accepted */
      advocateName?: string | null;
      note?: string | null;
    };
    AddConcernEntry: {
      kind: components["schemas"]["StaffConcernEntryKind"];
      /**
       * Format: date-time
       * @description When it happened
       */
      occurredAt: string;
      /** @description What happened, as facts */
      facts: string;
      /**
       * @description Who was present
       * @default []
       */
      present: string[];
      /**
       * @description Direct quotes, each kept and shown as a quote
       * @default []
       */
      quotes: {
          speaker: string;
          /** @description Exactly what was said */
          words: string;
        }[];
      /**
       * @description Where the information came from
       * @enum {string}
       */
      source: "staff" | "person" | "partner" | "document";
      /** @description Which partner or document, when the source is one */
      sourceDetail?: string | null;
      /** @description What was done */
      actionTaken?: string | null;
      /** @description Why nothing was done, when nothing was */
      noActionReason?: string | null;
      /** @description The entry this one corrects: the original stays as it was */
      corrects?: string | null;
      /** @description With corrects: what was wrong */
      correctionReason?: string | null;
    };
    RequestThresholdAdvice: {
      /**
       * Format: uuid
       * @description Leave out to use the organisation's named safeguarding link
       */
      partnerOrganisationId?: string;
      /**
       * Format: uuid
       * @description Leave out to use the organisation's named safeguarding link
       */
      partnerContactId?: string;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      /** @description A short title without personal details: it goes in the email */
      subject: string;
      /** @description What has happened, minimum necessary */
      summary: string;
      /** @description The risk to the person and others */
      impact: string;
      /** @description Interim safeguards already in place */
      mitigations: string;
      /** @description What threshold advice you need */
      question: string;
      /**
       * Format: date-time
       * @description When you need the advice by
       */
      deadline: string;
      categories: ("identity" | "health" | "care_plan" | "risk" | "safeguarding" | "finances")[];
    };
    RecordThresholdAdvice: {
      /** @description The advice request it answers; its chasing then stops */
      messageId?: string | null;
      adviserName: string;
      adviserRole?: string | null;
      /** @description Which local threshold guidance the adviser applied */
      guidanceApplied: string;
      /** @description What they advised, in their words */
      advice: string;
      /** @description How the advice was applied */
      howApplied: string;
      /** Format: date-time */
      givenAt: string;
      /** @enum {string} */
      receivedHow: "email" | "phone" | "in_person" | "letter" | "meeting" | "other";
    };
    SendSection42Referral: {
      /**
       * Format: uuid
       * @description The local authority
       */
      partnerOrganisationId: string;
      /** Format: uuid */
      partnerContactId: string;
      /** @enum {string} */
      urgency: "urgent" | "routine";
      /** @description A short title without personal details: it goes in the email */
      subject: string;
      /** @description The referral as checked by the manager (start from the prefilled draft) */
      referral: string;
      /** @description The risk to the person and others */
      risk: string;
      /** @description What is in place while the local authority decides */
      interimSafeguards: string;
      /** @enum {string} */
      consentToReferral: "given" | "refused" | "not_asked" | "lacks_capacity";
      /** @description Required unless the person consented: why referring without it */
      basisWithoutConsent?: string | null;
      categories: ("identity" | "health" | "care_plan" | "risk" | "safeguarding" | "finances")[];
    };
    RecordLocalAuthorityDecision: {
      /**
       * @description Whether the section 42 duty is met
       * @enum {string}
       */
      decision: "s42_duty_met" | "s42_duty_not_met";
      /** @description The local authority’s reason */
      reason: string;
      /** @description Another route it chose, such as advice or an assessment */
      otherRoute?: ("advice" | "care_act_assessment" | "review_of_care" | "other") | null;
      /** @description Feedback the local authority gave */
      feedback?: string | null;
      /** Format: date-time */
      decidedAt: string;
      /** @enum {string} */
      receivedHow: "email" | "phone" | "in_person" | "letter" | "meeting" | "other";
      /** @description Who at the local authority gave the decision */
      partnerName: string;
    };
    AddSafeContactPlan: {
      measures: ("varied_visit_times" | "two_person_visits" | "manager_led_welfare_calls" | "no_discussion_in_the_home" | "private_check_ins" | "agreed_visiting_times" | "other")[];
      /** @description How contact is kept safe: who visits, when, what is not discussed */
      arrangements: string;
      /**
       * Format: date
       * @description When the plan is reviewed
       */
      reviewOn: string;
    };
    AddReviewTrigger: {
      /** @description The entry kinds it counts */
      kinds: components["schemas"]["StaffConcernEntryKind"][];
      /** @description How many entries meet it */
      threshold: number;
      /** @description Within how many days; null for any single entry (threshold 1) */
      windowDays: number | null;
      description?: string | null;
    };
    AddInterimRestriction: {
      /**
       * Format: uuid
       * @description Whose freedom it restricts
       */
      personId: string;
      /** @description What is restricted */
      restriction: string;
      /** @description Why */
      reason: string;
      /** @enum {string} */
      legalBasis: "consent" | "best_interests_decision" | "other";
      /** @description The consent or best-interests decision it rests on */
      legalBasisRecordId?: string | null;
      /** @description With other: the basis in words */
      legalBasisNote?: string | null;
      /** @description The less restrictive options considered and why they were not enough */
      leastRestrictiveConsidered: string;
      /** Format: date */
      startsOn: string;
      /**
       * Format: date
       * @description Within a month of the start: a restriction is reviewed at least monthly
       */
      reviewOn: string;
    };
    ReviewInterimRestriction: {
      /** Format: date */
      reviewedOn: string;
      /** @description Whether it was used since the last review (recorded either way) */
      usedSinceLastReview: boolean;
      findings: string;
      /** @enum {string} */
      outcome: "continue" | "end";
      /** @description With continue: within a month of the review */
      nextReviewOn?: string | null;
    };
    ChangeSafeguardingSettings: {
      /** @description Working days the local authority has to decide */
      decisionWorkingDays: number;
      /** @description The named safeguarding link (MASH) on the register */
      safeguardingLinkContactId: string | null;
    };
    ExportConcernChronology: {
      /** @enum {string} */
      format: "html" | "pdf";
      /** @enum {string} */
      occasion: "multi_agency_meeting" | "safeguarding_adults_review";
      /** @description The agency it is for (asked of the sharing gate); null for staff only */
      recipient: ({
        /** Format: uuid */
        partnerOrganisationId: string;
        partnerContactId?: string | null;
      }) | null;
    };
    /** @description What staff other than managers see of a concern: the need-to-know summary, status and dates */
    ConcernSummary: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      personId: string;
      personName: string;
      /** @description The short summary a manager wrote for staff who need to know; null until written */
      needToKnow: string | null;
      status: components["schemas"]["ConcernStatus"];
      /** Format: date-time */
      raisedAt: string;
      /** Format: date-time */
      updatedAt: string;
      closedAt: string | null;
    };
    /** @description Something about the concern a manager needs to act on */
    ConcernAlert: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: "trigger_met" | "decision_overdue" | "restriction_past_review";
      title: string;
      detail: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    ConcernListItem: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      personId: string;
      personName: string;
      /** @description The short summary a manager wrote for staff who need to know; null until written */
      needToKnow: string | null;
      status: components["schemas"]["ConcernStatus"];
      /** Format: date-time */
      raisedAt: string;
      /** Format: date-time */
      updatedAt: string;
      closedAt: string | null;
      category: components["schemas"]["AbuseCategory"];
      categoryLabel: string;
      level: components["schemas"]["ConcernLevel"];
      locationOfRisk: components["schemas"]["RiskLocation"];
      /** @description When the local authority’s decision is due */
      decisionDueAt: string | null;
      overdueForDecision: boolean;
      /** @description Items needing a manager’s attention */
      openAlerts: number;
    };
    InterimRestriction: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      concernId: string;
      /** Format: uuid */
      personId: string;
      personName: string;
      restriction: string;
      reason: string;
      /** @enum {string} */
      legalBasis: "consent" | "best_interests_decision" | "other";
      legalBasisLabel: string;
      legalBasisRecordId: string | null;
      legalBasisNote: string | null;
      leastRestrictiveConsidered: string;
      startsOn: string;
      reviewOn: string;
      /** @description Its review date has passed without a review */
      pastReview: boolean;
      endedOn: string | null;
      endReason: string | null;
      reviews: ({
          reviewedOn: string;
          usedSinceLastReview: boolean;
          findings: string;
          /** @enum {string} */
          outcome: "continue" | "end";
          nextReviewOn: string | null;
        })[];
      version: number;
    };
    /** @description A safeguarding concern in full: managers and the auditor only */
    Concern: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      personId: string;
      personName: string;
      /** @description The short summary a manager wrote for staff who need to know; null until written */
      needToKnow: string | null;
      status: components["schemas"]["ConcernStatus"];
      /** Format: date-time */
      raisedAt: string;
      /** Format: date-time */
      updatedAt: string;
      closedAt: string | null;
      category: components["schemas"]["AbuseCategory"];
      categoryLabel: string;
      level: components["schemas"]["ConcernLevel"];
      locationOfRisk: components["schemas"]["RiskLocation"];
      /** @description When the local authority’s decision is due */
      decisionDueAt: string | null;
      overdueForDecision: boolean;
      /** @description Items needing a manager’s attention */
      openAlerts: number;
      /** Format: date-time */
      occurredAt: string;
      whatHappened: string;
      locationDetail: string | null;
      sourceKind: components["schemas"]["SourceOfRisk"];
      sourcePersonId: string | null;
      sourceDescription: string | null;
      othersPresent: string | null;
      othersAtRisk: string | null;
      childrenAtRisk: boolean;
      immediateActions: string;
      notReferredReason: string | null;
      advocacy: {
        /** @enum {string} */
        status: "not_offered" | "offered" | "accepted" | "declined";
        advocateName: string | null;
      };
      localAuthorityDecision: ({
        /** @enum {string} */
        decision: "s42_duty_met" | "s42_duty_not_met";
        reason: string | null;
        otherRoute: ("advice" | "care_act_assessment" | "review_of_care" | "other") | null;
        feedback: string | null;
        /** Format: date-time */
        decidedAt: string;
      }) | null;
      outcome: ("risk_remained" | "risk_reduced" | "risk_removed") | null;
      lessonsLearnt: string | null;
      signedOffBy: string | null;
      /** @description Shown on the concern when a review trigger was met: consider escalating */
      escalationPrompt: string | null;
      alerts: components["schemas"]["ConcernAlert"][];
      /** @description Threshold advice requests and section 42 referrals */
      messages: ({
          /** Format: uuid */
          messageId: string;
          /** @enum {string} */
          purpose: "threshold_advice" | "s42_referral";
          subject: string;
          /** @description The message’s status: sent, acknowledged, … responded, closed */
          status: string;
          deadline: string | null;
          partnerName: string;
        })[];
      advice: ({
          /** Format: uuid */
          id: string;
          messageId: string | null;
          adviserName: string;
          adviserRole: string | null;
          guidanceApplied: string;
          advice: string;
          howApplied: string;
          /** Format: date-time */
          givenAt: string;
        })[];
      plans: ({
          /** Format: uuid */
          id: string;
          measures: ("varied_visit_times" | "two_person_visits" | "manager_led_welfare_calls" | "no_discussion_in_the_home" | "private_check_ins" | "agreed_visiting_times" | "other")[];
          measureLabels: string[];
          arrangements: string;
          reviewOn: string;
          /** Format: date-time */
          createdAt: string;
          endedAt: string | null;
          endedReason: string | null;
        })[];
      triggers: ({
          /** Format: uuid */
          id: string;
          kinds: components["schemas"]["ConcernEntryKind"][];
          threshold: number;
          windowDays: number | null;
          description: string | null;
          /** @description e.g. "3 blocked access entries within 14 days" */
          inWords: string;
          lastMetAt: string | null;
          timesMet: number;
          endedAt: string | null;
        })[];
      restrictions: components["schemas"]["InterimRestriction"][];
      version: number;
    };
    /** @description An entry of the concern’s chronology, as recorded */
    ConcernEntry: {
      /** Format: uuid */
      id: string;
      kind: components["schemas"]["ConcernEntryKind"];
      kindLabel: string;
      /** Format: date-time */
      occurredAt: string;
      /** Format: date-time */
      recordedAt: string;
      recordedBy: string | null;
      text: string;
      corrects: string | null;
    };
    ConcernChronologyEntry: {
      /** @description Which record it comes from: partner_messages, incidents, consent, consent_withdrawals, mental_capacity, safeguarding_authorisations, advice, safeguarding_shares, concern_entries, concern_advice */
      source: string;
      /**
       * Format: uuid
       * @description The entry’s id within its source
       */
      id: string;
      /**
       * Format: date-time
       * @description When what it records happened
       */
      occurredAt: string;
      /**
       * Format: date-time
       * @description When it was recorded
       */
      recordedAt: string;
      /** @description The agency the information came from: the provider or a partner organisation */
      agency: string;
      /** @description What kind of entry it is, in words */
      kindLabel: string;
      /** @description What the entry says */
      text: string;
      /** @description Who recorded it, when known */
      recordedBy: string | null;
      /** @description The record the entry belongs to */
      subject: {
        /** @description message, incident, concern, person or advice */
        type: string;
        /** Format: uuid */
        id: string;
        /** @description The record’s title, for a link */
        title: string;
      } | null;
      /** @description For the concern’s own entries: what was recorded, and its corrections */
      entry: ({
        kind: components["schemas"]["ConcernEntryKind"];
        /** @description What happened, as facts (entries staff add) */
        facts: string | null;
        present: string[];
        /** @description Direct quotes, each exactly as it was said */
        quotes: {
            speaker: string;
            words: string;
          }[];
        /** @description Where the information came from */
        source: ("staff" | "person" | "partner" | "document") | null;
        sourceDetail: string | null;
        actionTaken: string | null;
        noActionReason: string | null;
        /** @description The entry this one corrects */
        corrects: string | null;
        correctionReason: string | null;
        /** @description Later entries that correct this one */
        correctedBy: string[];
      }) | null;
    };
    /** @description A concern’s merged chronology, newest first */
    ConcernChronologyPage: {
      items: components["schemas"]["ConcernChronologyEntry"][];
      /** @description Pass as `before` for the next (older) page; null on the last page */
      nextBefore: string | null;
    };
    /** @description One concern of a pattern, oldest first */
    PatternConcern: {
      /** Format: uuid */
      id: string;
      category: components["schemas"]["AbuseCategory"];
      level: components["schemas"]["ConcernLevel"];
      status: components["schemas"]["ConcernStatus"];
      /** Format: date-time */
      raisedAt: string;
    };
    /** @description Low-level or not-referred concerns that recur about one person or one alleged source */
    ConcernPatterns: {
      byPerson: {
          /** Format: uuid */
          personId: string;
          personName: string;
          concernIds: string[];
          concerns: components["schemas"]["PatternConcern"][];
        }[];
      bySource: {
          source: string;
          concernIds: string[];
          concerns: components["schemas"]["PatternConcern"][];
        }[];
    };
    /** @description The counts for the home page and the concerns list */
    ConcernCounts: {
      open: number;
      overdueForDecision: number;
      triggersMet: number;
      restrictionsPastReview: number;
    };
    Section42ReferralDraft: {
      person: {
        name: string;
        dateOfBirth: string | null;
        nhsNumber: string | null;
        address: string | null;
      };
      gp: {
        name: string;
        organisation: string;
      } | null;
      capacity: {
          decision: string;
          outcome: string;
          assessedOn: string;
        }[];
      consentsForSafeguarding: {
          givenOn: string;
          status: string;
        }[];
      representatives: {
          kind: string;
          name: string;
        }[];
      advocacy: {
        /** @enum {string} */
        status: "not_offered" | "offered" | "accepted" | "declined";
        advocateName: string | null;
      };
      othersAtRisk: string | null;
      childrenAtRisk: boolean;
      /** @description The concern’s entries, oldest first, one line each */
      chronologySummary: string[];
      /** @description The whole draft as one text to check and edit before sending */
      text: string;
      /**
       * Format: date-time
       * @description When the local authority’s decision would be due if sent now
       */
      decisionDueAt: string;
    };
    SafeguardingSettings: {
      decisionWorkingDays: number;
      safeguardingLinkContactId: string | null;
      version: number;
    };
    SafeguardingAuthorisation: {
      /** Format: uuid */
      id: string;
      scope: {
        partnerOrganisations: {
            /** Format: uuid */
            id: string;
            name: string;
          }[];
        partnerContacts: {
            /** Format: uuid */
            id: string;
            name: string;
            organisationName: string;
          }[];
        partnerTypes: components["schemas"]["PartnerType"][];
      };
      categories: components["schemas"]["InformationCategory"][];
      rationale: string;
      authorisedBy: string;
      /** Format: date-time */
      authorisedAt: string;
      /** Format: date-time */
      expiresAt: string;
      revokedAt: string | null;
      revokedBy: string | null;
      revokedReason: string | null;
      status: components["schemas"]["SharingRecordStatus"];
    };
    SubjectAccessExport: {
      about: {
        title: string;
        organisation: string;
        /** @description ISO 8601 in UK time, with its offset from UTC */
        exportedAt: string;
        exportedBy: string;
        reviewBeforeSending: string;
        parts: {
          representatives: {
            entries: number;
            /** @description False when the part reached the most one export holds: ask for the rest from the data protection lead */
            complete: boolean;
          };
          circleOfSupport: {
            entries: number;
            /** @description False when the part reached the most one export holds: ask for the rest from the data protection lead */
            complete: boolean;
          };
          chronology: {
            entries: number;
            /** @description False when the part reached the most one export holds: ask for the rest from the data protection lead */
            complete: boolean;
          };
          sharedWithPartners: {
            entries: number;
            /** @description False when the part reached the most one export holds: ask for the rest from the data protection lead */
            complete: boolean;
          };
          accessLog: {
            entries: number;
            /** @description False when the part reached the most one export holds: ask for the rest from the data protection lead */
            complete: boolean;
          };
        };
      };
      person: {
        name: string;
        preferredName: string | null;
        dateOfBirth: string | null;
        nhsNumber: string | null;
        address: string | null;
        postcode: string | null;
        service: string | null;
        status: string;
        communicationNeeds: string | null;
        clinicalFlags: string[];
        clinicalFlagsNote: string | null;
        /** @description ISO 8601 in UK time, with its offset from UTC */
        recordCreated: string;
        /** @description ISO 8601 in UK time, with its offset from UTC */
        recordLastChanged: string;
      };
      representatives: ({
          kind: string;
          name: string;
          relationship: string | null;
          phone: string | null;
          email: string | null;
          address: string | null;
          scopeOfAuthority: string | null;
          decisionAreas: string[];
          reference: string | null;
          registeredOn: string | null;
          documentSeenOn: string | null;
          ended: string | null;
          endedReason: string | null;
        })[];
      circleOfSupport: ({
          role: string;
          primaryContact: boolean;
          name: string;
          organisation: string;
          jobTitle: string | null;
          email: string | null;
          phone: string | null;
          /** @description A calendar date, YYYY-MM-DD */
          from: string;
          to: string | null;
        })[];
      /** @description Oldest first: messages, incidents, consent, capacity, advice, safeguarding and the rest */
      chronology: ({
          /** @description ISO 8601 in UK time, with its offset from UTC */
          when: string;
          /** @description ISO 8601 in UK time, with its offset from UTC */
          recorded: string;
          /** @description Where the information came from */
          agency: string;
          kind: string;
          text: string;
          recordedBy: string | null;
          /** @description The record it belongs to: a message, an incident, a concern */
          partOf: string | null;
        })[];
      /** @description Oldest first: every time information about them was shared with a partner, or refused */
      sharedWithPartners: ({
          "When (UK time)": string | null;
          Outcome: string | null;
          Organisation: string | null;
          Contact: string | null;
          Purpose: string | null;
          Categories: string | null;
          Basis: string | null;
          "Record relied on": string | null;
          "UK GDPR Article 6": string | null;
          "UK GDPR Article 9": string | null;
          "DPA 2018 condition": string | null;
          "Reasons refused": string | null;
          How: string | null;
          "What was shared": string | null;
          "Shared by": string | null;
        })[];
      /** @description Oldest first: who opened or changed their records, and when */
      accessLog: ({
          /** @description ISO 8601 in UK time, with its offset from UTC */
          from: string;
          /** @description ISO 8601 in UK time, with its offset from UTC */
          to: string;
          who: string;
          what: string;
          detail: string | null;
        })[];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}

export type $defs = Record<string, never>;

export type external = Record<string, never>;

export type operations = Record<string, never>;
