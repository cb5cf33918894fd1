using System.CommandLine;
using Knotwork.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Cli;

/// <summary><c>knotwork audit verify</c>: checks the audit log's hash chain and reports the first broken link.</summary>
internal static class AuditCommands
{
    public static Command Audit(Io io)
    {
        var access = new DatabaseAccess();
        var verify = new Command("verify", "Walk the audit log in order and check every entry's link to the one before it (an HMAC keyed by the master key). Exit 0 when the chain holds, 1 at the first broken link.");
        access.AddTo(verify);
        verify.SetAction(async (parse, cancellationToken) =>
        {
            var (opened, key, exitCode) = await access.OpenWithKeyAsync(parse, io, requireCurrentSchema: false, cancellationToken);
            if (opened is null || key is null)
            {
                return exitCode;
            }

            await using var db = opened;
            var progress = new Progress<long>(n => io.Error.WriteLine($"knotwork: {n:N0} entries checked..."));
            var result = await new AuditChain(key.AuditChainKey()).VerifyAsync(db, progress, cancellationToken);
            var before = result.Unchained > 0 ? $" ({result.Unchained:N0} earlier entries were written before the log was chained)" : string.Empty;
            if (result.Intact)
            {
                io.Out.WriteLine($"The audit log is intact: {result.Checked:N0} chained entries checked{before}.");
                return KnotworkCommand.Ok;
            }

            var broken = await db.AuditLog.AsNoTracking().SingleAsync(a => a.Id == result.FirstBrokenId, cancellationToken);
            io.Out.WriteLine(
                $"The audit log is broken at entry {broken.Id} ({broken.AtUtc:yyyy-MM-dd HH:mm:ss} UTC, {broken.Action} {broken.EntityType} {broken.EntityId}, by {broken.UserName ?? "nobody signed in"}): " +
                $"it, or the entry before it, was changed or removed outside the app, or the key is not the one that wrote it. {result.Checked:N0} entries before it are intact{before}.");
            return KnotworkCommand.Failed;
        });
        return new Command("audit", "Check the audit log.") { verify };
    }
}
