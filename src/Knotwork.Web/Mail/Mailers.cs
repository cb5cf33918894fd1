using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Knotwork.Data;
using Knotwork.Data.Entities;

namespace Knotwork.Web.Mail;

/// <summary>Knotwork's one way of sending e-mail (confirmations, invitations, password resets).</summary>
internal interface IMailer
{
    Task SendAsync(string to, MailText message, CancellationToken cancellationToken = default);
}

/// <summary>SMTP settings (<c>Knotwork:Smtp</c>); without a host, mail is held for the owner to read instead.</summary>
internal sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "knotwork@localhost";
}

/// <summary>
/// Keeps each message in the held-mail table, which the owner reads on the Held mail page, so a first-time user
/// without a mail server can still confirm accounts. Attachments are held with the message
/// (<see cref="HeldMessage.AttachmentsJson"/>, sealed like the body) and downloaded from the same page.
/// </summary>
internal sealed class HoldingMailer(KnotworkDbContext db, TimeProvider clock) : IMailer
{
    public async Task SendAsync(string to, MailText message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        db.HeldMail.Add(new HeldMessage
        {
            Id = Guid.NewGuid(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime, To = to, Subject = message.Subject, HtmlBody = message.HtmlBody,
            AttachmentsJson = HeldAttachments.Write(message.Attachments),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>A held message's attachments as stored in <see cref="HeldMessage.AttachmentsJson"/>: <c>[{"fileName", "contentType", "content"}]</c>.</summary>
internal static class HeldAttachments
{
    /// <summary>The attachments as JSON, or null when there are none.</summary>
    public static string? Write(IReadOnlyList<MailAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        return attachments.Count == 0 ? null : JsonSerializer.Serialize([.. attachments], HeldAttachmentsJson.Default.MailAttachmentArray);
    }

    /// <summary>The attachments stored as <paramref name="json"/>; empty for null or for text that is not such a list.</summary>
    public static IReadOnlyList<MailAttachment> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return [];
        try
        {
            return JsonSerializer.Deserialize(json, HeldAttachmentsJson.Default.MailAttachmentArray) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MailAttachment[]))]
internal sealed partial class HeldAttachmentsJson : JsonSerializerContext;

/// <summary>Sends through the configured SMTP server.</summary>
internal sealed class SmtpMailer(SmtpSettings settings) : IMailer
{
    public async Task SendAsync(string to, MailText message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var client = new SmtpClient(settings.Host, settings.Port) { EnableSsl = settings.EnableSsl };
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        using var mail = new MailMessage(settings.From, to, message.Subject, message.HtmlBody) { IsBodyHtml = true };
        foreach (var file in message.Attachments)
        {
            var attachment = new Attachment(new MemoryStream(Encoding.UTF8.GetBytes(file.Content)), new ContentType(file.ContentType));
            attachment.ContentDisposition!.FileName = file.FileName;
            attachment.ContentType.Name = file.FileName;
            mail.Attachments.Add(attachment); // disposed with the message
        }

        await client.SendMailAsync(mail, cancellationToken);
    }
}

/// <summary>Registers the mailer: SMTP when <c>Knotwork:Smtp:Host</c> is set, otherwise the held-mail table.</summary>
internal static class MailExtensions
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        var smtp = configuration.GetSection("Knotwork:Smtp").Get<SmtpSettings>() ?? new SmtpSettings();
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            services.AddScoped<IMailer, HoldingMailer>();
        }
        else
        {
            services.AddSingleton(smtp);
            services.AddScoped<IMailer, SmtpMailer>();
        }

        return services;
    }
}
