using System.Text.Encodings.Web;

namespace Knotwork.Web.Mail;

/// <summary>An e-mail's subject and HTML body, every value from a person already encoded.</summary>
internal sealed record MailText(string Subject, string HtmlBody);

/// <summary>
/// The messages Knotwork sends, in one place: the pages say which message and to whom, never how it reads. Every
/// name and link is HTML-encoded here.
/// </summary>
internal static class MailTemplates
{
    /// <summary>To a client who registered: confirm the address.</summary>
    public static MailText ConfirmEmail(string name, string link) => new(
        "Confirm your Knotwork account",
        $"<p>Hello {E(name)},</p><p>Confirm your e-mail address to finish creating your account: {A(link)}</p>");

    /// <summary>To a therapist the owner invited: choose a password.</summary>
    public static MailText TherapistInvitation(string name, string link) => new(
        "You are invited to Knotwork",
        $"<p>Hello {E(name)},</p><p>You have been invited to join the practice as a therapist. Choose your password here: {A(link)}</p><p>You will then set up two-factor sign-in.</p>");

    /// <summary>To a client a therapist added: choose a password.</summary>
    public static MailText ClientInvitation(string name, string link) => new(
        "Your Knotwork account",
        $"<p>Hello {E(name)},</p><p>Your therapist has made you an account to share where it hurts before your visit. Choose a password here: {A(link)}</p>");

    /// <summary>To a person who asked to reset their password: a link that works once and expires.</summary>
    public static MailText PasswordReset(string name, string link, TimeSpan lifetime) => new(
        "Reset your Knotwork password",
        $"<p>Hello {E(name)},</p><p>Someone (we hope you) asked to reset the password of your Knotwork account. Choose a new password here: {A(link)}</p>" +
        $"<p>The link works once, for {(int)lifetime.TotalMinutes} minutes. If you did not ask, ignore this message: your password stays as it is.</p>");

    /// <summary>To a person whose password was changed or reset: so a change they did not make is noticed.</summary>
    public static MailText PasswordChanged(string name) => new(
        "Your Knotwork password was changed",
        $"<p>Hello {E(name)},</p><p>The password of your Knotwork account was just changed, and every other session of the account was signed out. If this was not you, reset your password now and tell the practice.</p>");

    /// <summary>To a client, the lead time (24 hours by default) before a visit: when, what and where.</summary>
    public static MailText Reminder(string name, string service, string when, string address, string? therapist) => new(
        "Reminder: your massage " + when,
        $"<p>Hello {E(name)},</p><p>A reminder of your {E(service)} on {E(when)} at {E(address)}" +
        (therapist is null ? "." : $", with {E(therapist)}.") +
        "</p><p>Please have a space of about 2 by 3 metres clear for the table. To change or cancel, use the link in your confirmation e-mail or contact the practice.</p>");

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    private static string A(string link) => $"<a href=\"{E(link)}\">{E(link)}</a>";
}
