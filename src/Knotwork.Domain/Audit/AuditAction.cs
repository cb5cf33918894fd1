namespace Knotwork.Domain.Audit;

/// <summary>What happened, in the audit log. Each action is stored by its <see cref="AuditActions.Code(AuditAction)"/>.</summary>
public enum AuditAction
{
    /// <summary>Health data was shown (a record, a list, an edit form).</summary>
    Read,

    /// <summary>Someone asked for a record they may not see, and was answered "not found".</summary>
    ReadRefused,

    /// <summary>A record was created.</summary>
    Create,

    /// <summary>A record was changed.</summary>
    Update,

    /// <summary>A therapist was invited.</summary>
    Invite,

    /// <summary>An invitation was accepted and a password chosen.</summary>
    InvitationAccepted,

    /// <summary>A person signed in.</summary>
    SignIn,

    /// <summary>A person signed in with a recovery code.</summary>
    SignInRecoveryCode,

    /// <summary>A sign-in failed (unknown e-mail or wrong password: the entry does not say which to the attempt).</summary>
    SignInFailed,

    /// <summary>A sign-in was refused because the account is locked.</summary>
    SignInLocked,

    /// <summary>A wrong or reused two-factor code.</summary>
    SignInTwoFactorFailed,

    /// <summary>A person signed out.</summary>
    SignOut,

    /// <summary>A person ended every session of their account.</summary>
    SignOutEverywhere,

    /// <summary>Two-factor sign-in was turned on.</summary>
    TwoFactorEnabled,

    /// <summary>Two-factor sign-in was turned off.</summary>
    TwoFactorDisabled,

    /// <summary>New recovery codes replaced the old ones.</summary>
    RecoveryCodesRenewed,

    /// <summary>A new authenticator key replaced the old one (two-factor sign-in is off until set up again).</summary>
    AuthenticatorReset,

    /// <summary>
    /// A signed-in person gave a wrong password or code where a change needed it (turning two-factor off, a new key,
    /// new recovery codes, a new password): nothing was changed.
    /// </summary>
    ReauthenticationFailed,

    /// <summary>A person changed their password.</summary>
    PasswordChanged,

    /// <summary>Someone asked for a password-reset link.</summary>
    PasswordResetRequested,

    /// <summary>A password was reset through an e-mailed link.</summary>
    PasswordReset,

    /// <summary>A booking was cancelled (the time is free again).</summary>
    Cancel,
}

/// <summary>What kind of record an audit entry is about.</summary>
public enum AuditSubject
{
    /// <summary>A sign-in account.</summary>
    Account,

    /// <summary>A client's record.</summary>
    Client,

    /// <summary>The list of clients.</summary>
    ClientList,

    /// <summary>A saved pain map.</summary>
    PainMap,

    /// <summary>A therapist's account.</summary>
    Therapist,

    /// <summary>A booked visit.</summary>
    Booking,

    /// <summary>A treatment visit and its chart.</summary>
    Visit,

    /// <summary>The practice's booking setup (services, areas, prices, therapists, policies, travel).</summary>
    PracticeSetup,

    /// <summary>An e-mail held for the owner because no mail server is set up, or a file attached to it.</summary>
    HeldMessage,

    /// <summary>A client's intake before a booked visit (its id is the booking's).</summary>
    Intake,

    /// <summary>A chair massage event at a workplace (issue 11), or an employee's slot at one.</summary>
    ChairEvent,
}

/// <summary>The stored codes of <see cref="AuditAction"/> and <see cref="AuditSubject"/>, and who can cause an action.</summary>
public static class AuditActions
{
    private static readonly Dictionary<string, AuditAction> ByCode = Enum.GetValues<AuditAction>().ToDictionary(Code, StringComparer.Ordinal);
    private static readonly Dictionary<string, AuditSubject> SubjectsByCode = Enum.GetValues<AuditSubject>().ToDictionary(Code, StringComparer.Ordinal);

    /// <summary>The stored code: the name in kebab case (<c>sign-in-failed</c>).</summary>
    public static string Code(this AuditAction action) => Kebab(action.ToString());

    /// <summary>The stored code of a subject (<c>client-list</c>).</summary>
    public static string Code(this AuditSubject subject) => Kebab(subject.ToString());

    /// <summary>The action stored as <paramref name="code"/>.</summary>
    public static bool TryParse(string? code, out AuditAction action) => ByCode.TryGetValue(code ?? string.Empty, out action);

    /// <summary>The subject stored as <paramref name="code"/>.</summary>
    public static bool TryParseSubject(string? code, out AuditSubject subject) => SubjectsByCode.TryGetValue(code ?? string.Empty, out subject);

    /// <summary>
    /// Whether a person who is not signed in can cause this entry (sign-in attempts, reset requests). What such an
    /// entry may hold is limited: never free text, only an account id or a well-formed, shortened e-mail address.
    /// </summary>
    public static bool IsAnonymous(this AuditAction action) =>
        action is AuditAction.SignInFailed or AuditAction.SignInLocked or AuditAction.SignInTwoFactorFailed or AuditAction.PasswordResetRequested;

    private static string Kebab(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
