using System.Net;
using System.Net.Mail;
using Knotwork.Data;
using Knotwork.Data.Entities;

namespace Knotwork.Web.Accounts;

/// <summary>Knotwork's one way of sending e-mail (confirmations, invitations).</summary>
internal interface IMailer
{
    Task SendAsync(string to, string subject, string htmlBody, CancellationToken cancellationToken = default);
}

/// <summary>SMTP settings (<c>Knotwork:Smtp</c>); without a host, mail goes to the outbox instead.</summary>
internal sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "knotwork@localhost";
}

/// <summary>Writes each message to the outbox table, which the owner can read (so a first-time user can still confirm accounts).</summary>
internal sealed class OutboxMailer(KnotworkDbContext db, TimeProvider clock) : IMailer
{
    public async Task SendAsync(string to, string subject, string htmlBody, CancellationToken cancellationToken = default)
    {
        db.Outbox.Add(new OutboxMessage { Id = Guid.NewGuid(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime, To = to, Subject = subject, HtmlBody = htmlBody });
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Sends through the configured SMTP server.</summary>
internal sealed class SmtpMailer(SmtpSettings settings) : IMailer
{
    public async Task SendAsync(string to, string subject, string htmlBody, CancellationToken cancellationToken = default)
    {
        using var client = new SmtpClient(settings.Host, settings.Port) { EnableSsl = settings.EnableSsl };
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        using var message = new MailMessage(settings.From, to, subject, htmlBody) { IsBodyHtml = true };
        await client.SendMailAsync(message, cancellationToken);
    }
}
