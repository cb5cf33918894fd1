using System.Globalization;
using System.Text;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Practice;

/// <summary>
/// E-mails held because no SMTP server is configured, newest first, for the owner to forward by hand, each with its
/// attachments to download (a visit's calendar invitation names the client and their address, so each download is
/// audited as a read).
/// </summary>
[Authorize(Policy = Roles.OwnerPolicy)]
internal sealed class HeldMailModel(KnotworkDbContext db, AuditTrail audit) : PageModel
{
    public IReadOnlyList<HeldMessage> Messages { get; private set; } = [];

    public async Task OnGetAsync() =>
        Messages = await db.HeldMail.OrderByDescending(m => m.CreatedAtUtc).Take(200).ToListAsync();

    /// <summary>The attachments of <paramref name="message"/>, in the order they were sent.</summary>
    public static IReadOnlyList<MailAttachment> Attachments(HeldMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return HeldAttachments.Read(message.AttachmentsJson);
    }

    /// <summary>The link that downloads attachment <paramref name="n"/> of <paramref name="message"/>.</summary>
    public static string AttachmentLink(HeldMessage message, int n)
    {
        ArgumentNullException.ThrowIfNull(message);
        return $"/practice/held-mail?handler=Attachment&id={message.Id}&n={n.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Attachment <paramref name="n"/> (from 0) of held message <paramref name="id"/>, as a download; 404 when there is none.</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, int n, CancellationToken cancellationToken)
    {
        var message = await db.HeldMail.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        var attachments = message is null ? [] : Attachments(message);
        if (n < 0 || n >= attachments.Count)
            return NotFound();

        var file = attachments[n];
        await audit.RecordAsync(AuditAction.Read, AuditSubject.HeldMessage, id.ToString(),
            $"downloaded the attachment {file.FileName} of the held message to {message!.To}", CancellationToken.None);
        return File(Encoding.UTF8.GetBytes(file.Content), file.ContentType, file.FileName);
    }
}
