using System.Text.Json;
using Knotwork.Data.Entities;
using Knotwork.Data.Protection;
using Knotwork.Domain.Clients;
using Knotwork.Domain.Practice;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Knotwork.Data;

/// <summary>
/// Knotwork's one DbContext: accounts (Identity), the practice, clients, pain maps, the audit log, the e-mail
/// held for want of a mail server, sessions and the data-protection keys (so several app servers share sign-ins). Each database provider has a
/// subclass with its own migrations: <see cref="SqliteKnotworkDbContext"/>, <see cref="PostgresKnotworkDbContext"/>.
/// Health data, addresses and Identity's tokens (the authenticator key) are sealed with the master key given by
/// <see cref="ColumnEncryptionExtensions.UseColumnEncryption(DbContextOptionsBuilder, MasterKey)"/>; names and
/// e-mail addresses stay plain, because the app searches and sorts by them.
/// </summary>
public abstract class KnotworkDbContext(DbContextOptions options)
    : IdentityDbContext<KnotworkUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The key the sensitive columns are sealed with.</summary>
    internal MasterKey EncryptionKey { get; } = options.FindExtension<ColumnEncryptionOptionsExtension>()?.Key
        ?? throw new InvalidOperationException("A KnotworkDbContext needs its encryption key: configure it with UseColumnEncryption(masterKey).");

    public DbSet<PracticeSettings> Practice => Set<PracticeSettings>();

    public DbSet<ClientRecord> Clients => Set<ClientRecord>();

    public DbSet<TherapistAssignment> Assignments => Set<TherapistAssignment>();

    public DbSet<PainMapRecord> PainMaps => Set<PainMapRecord>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<HeldMessage> HeldMail => Set<HeldMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SessionRecord> Sessions => Set<SessionRecord>();

    /// <summary>The practice's booking setup (one row holding the setup file's JSON).</summary>
    public DbSet<PracticeSetupRecord> PracticeSetups => Set<PracticeSetupRecord>();

    /// <summary>Booked and cancelled visits.</summary>
    public DbSet<BookingRecord> Bookings => Set<BookingRecord>();

    /// <summary>The hash of each therapist's calendar feed token.</summary>
    public DbSet<TherapistFeedRecord> TherapistFeeds => Set<TherapistFeedRecord>();

    /// <summary>Treatment visits.</summary>
    public DbSet<VisitRecord> Visits => Set<VisitRecord>();

    /// <summary>The trigger points charted at visits.</summary>
    public DbSet<ChartEntryRecord> ChartEntries => Set<ChartEntryRecord>();

    /// <summary>The check-ins sent two days after visits, and their answers.</summary>
    public DbSet<CheckInRecord> CheckIns => Set<CheckInRecord>();

    public DbSet<IntakeRecord> Intakes => Set<IntakeRecord>();

    /// <summary>Which staff account works as which setup therapist.</summary>
    public DbSet<TherapistAccountRecord> TherapistAccounts => Set<TherapistAccountRecord>();

    /// <summary>Chair massage events employers asked for (issue 11).</summary>
    public DbSet<ChairEventRecord> ChairEvents => Set<ChairEventRecord>();

    /// <summary>The therapist at each chair of a confirmed event.</summary>
    public DbSet<EventTherapistRecord> EventTherapists => Set<EventTherapistRecord>();

    /// <summary>Employees' slots at events, booked and cancelled.</summary>
    public DbSet<EventSlotBookingRecord> EventSlotBookings => Set<EventSlotBookingRecord>();

    /// <summary>Employees waiting for a slot of a full event.</summary>
    public DbSet<EventWaitRecord> EventWaitingList => Set<EventWaitRecord>();

    /// <summary>One value sealed with the key the database was first encrypted with (see <see cref="KnotworkData.MigrateAsync"/>).</summary>
    public DbSet<EncryptionKeyCheck> EncryptionKeyChecks => Set<EncryptionKeyCheck>();

    /// <summary>The audit log is append-only: the app can add entries but never change or remove one.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAuditLog();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditLog();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void GuardAuditLog()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries cannot be changed or deleted.");
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        var cipher = EncryptionKey.Columns;
        var sealText = new SealedStringConverter(cipher);
        ValueConverter seal = sealText; // untyped, so it serves string? properties too (EF never passes a converter null)

        // Identity keeps the authenticator key and recovery codes here.
        builder.Entity<IdentityUserToken<Guid>>().Property(t => t.Value).HasConversion(seal);

        builder.Entity<KnotworkUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(FieldLimits.Name);
            // Only a conditional UPDATE moves it (claiming an authenticator code): an ordinary save of the account,
            // made from a copy read before the claim, must not move it back and let the code work again.
            e.Property(u => u.LastTotpStep).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        });

        builder.Entity<PracticeSettings>(e =>
        {
            e.Property(p => p.Name).HasMaxLength(FieldLimits.Name);
            e.Property(p => p.TimeZone).HasMaxLength(FieldLimits.TimeZone);
        });

        builder.Entity<ClientRecord>(e =>
        {
            e.Property(c => c.FullName).HasMaxLength(FieldLimits.Name);
            e.Property(c => c.Email).HasMaxLength(FieldLimits.Email);
            e.Property(c => c.Phone).HasMaxLength(Sealed(FieldLimits.Phone)).HasConversion(seal);
            e.Property(c => c.AddressLine).HasMaxLength(Sealed(FieldLimits.AddressLine)).HasConversion(seal);
            e.Property(c => c.City).HasMaxLength(Sealed(FieldLimits.City)).HasConversion(seal);
            e.Property(c => c.PostalCode).HasMaxLength(Sealed(FieldLimits.PostalCode)).HasConversion(seal);
            e.Property(c => c.DateOfBirth).HasMaxLength(Sealed(10)).HasConversion(new SealedDateConverter(cipher));
            e.Property(c => c.Medications).HasMaxLength(Sealed(FieldLimits.Medications)).HasConversion(seal);
            e.Property(c => c.ScreeningNotes).HasMaxLength(Sealed(FieldLimits.ScreeningNotes)).HasConversion(seal);
            e.Property(c => c.TreatmentConsentVersion).HasMaxLength(FieldLimits.ConsentVersion);
            e.Property(c => c.PrivacyConsentVersion).HasMaxLength(FieldLimits.ConsentVersion);
            e.Property(c => c.ScreeningItems).HasMaxLength(Sealed(1000)).HasConversion(new ScreeningItemsConverter().ComposeWith(sealText), ListComparer<ScreeningItem>());
            e.HasIndex(c => c.UserId).IsUnique();
            e.HasOne<KnotworkUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(c => c.Assignments).WithOne().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.PainMaps).WithOne().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<TherapistAssignment>(e =>
        {
            e.HasKey(a => new { a.ClientId, a.TherapistId });
            e.HasOne<KnotworkUser>().WithMany().HasForeignKey(a => a.TherapistId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => a.TherapistId);
        });

        builder.Entity<PainMapRecord>(e =>
        {
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.Marks).HasConversion(new JsonConverter<List<PainMapMark>>().ComposeWith(sealText), ListComparer<PainMapMark>());
            e.Property(p => p.Context).HasMaxLength(Sealed(1000)).HasConversion(new JsonConverter<List<string>>().ComposeWith(sealText), ListComparer<string>());
            e.Property(p => p.ResultJson).HasConversion(seal);
            e.Property(p => p.Note).HasMaxLength(Sealed(FieldLimits.PainMapNote)).HasConversion(seal);
            e.HasOne<KnotworkUser>().WithMany().HasForeignKey(p => p.RecordedById).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(p => new { p.ClientId, p.RecordedAtUtc });
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.UserName).HasMaxLength(FieldLimits.Email);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.EntityType).HasMaxLength(60);
            e.Property(a => a.EntityId).HasMaxLength(100);
            e.Property(a => a.RemoteAddress).HasMaxLength(100);
            e.Property(a => a.Detail).HasMaxLength(2000);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => a.AtUtc);
            e.HasIndex(a => new { a.EntityType, a.EntityId });
            e.HasIndex(a => a.UserId);
        });

        builder.Entity<EncryptionKeyCheck>(e =>
        {
            e.Property(k => k.Id).ValueGeneratedNever();
            e.Property(k => k.KeyId).HasMaxLength(32);
            e.Property(k => k.Sealed).HasMaxLength(200);
        });

        builder.Entity<SessionRecord>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.SecurityStamp).HasMaxLength(256);
            e.HasOne<KnotworkUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.UserId);
        });

        builder.Entity<PracticeSetupRecord>(e =>
        {
            e.ToTable("PracticeSetup");
            e.Property(p => p.Id).ValueGeneratedNever();
        });

        builder.Entity<BookingRecord>(e =>
        {
            e.Property(b => b.Id).ValueGeneratedNever();
            e.Property(b => b.ServiceId).HasMaxLength(FieldLimits.SetupId);
            e.Property(b => b.TherapistId).HasMaxLength(FieldLimits.SetupId);
            e.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(b => b.Zip).HasMaxLength(5);
            e.Property(b => b.Address).HasMaxLength(Sealed(FieldLimits.AddressLine)).HasConversion(sealText);
            e.Property(b => b.Name).HasMaxLength(Sealed(FieldLimits.Name)).HasConversion(sealText);
            e.Property(b => b.Email).HasMaxLength(Sealed(FieldLimits.Email)).HasConversion(sealText);
            e.Property(b => b.Phone).HasMaxLength(Sealed(FieldLimits.Phone)).HasConversion(sealText);
            e.Property(b => b.Notes).HasMaxLength(Sealed(FieldLimits.BookingNotes)).HasConversion(seal);
            e.Property(b => b.Price).HasPrecision(10, 2);
            e.Property(b => b.ManageTokenHash).HasMaxLength(64);
            e.Property(b => b.IdempotencyKey).HasMaxLength(FieldLimits.IdempotencyKey);
            e.HasIndex(b => b.IdempotencyKey).IsUnique();
            e.HasIndex(b => new { b.TherapistId, b.StartUtc });
            e.HasIndex(b => b.StartUtc);
            e.HasOne<ClientRecord>().WithMany().HasForeignKey(b => b.ClientId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<TherapistFeedRecord>(e =>
        {
            e.HasKey(f => f.TherapistId);
            e.Property(f => f.TherapistId).HasMaxLength(FieldLimits.SetupId);
            e.Property(f => f.TokenHash).HasMaxLength(64);
        });

        builder.Entity<VisitRecord>(e =>
        {
            e.Property(v => v.Id).ValueGeneratedNever();
            e.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne<ClientRecord>().WithMany().HasForeignKey(v => v.ClientId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<KnotworkUser>().WithMany().HasForeignKey(v => v.TherapistUserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<BookingRecord>().WithMany().HasForeignKey(v => v.BookingId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(v => v.BookingId).IsUnique();
            e.HasIndex(v => new { v.ClientId, v.StartedAtUtc });
            e.HasMany(v => v.ChartEntries).WithOne().HasForeignKey(c => c.VisitId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(v => v.Amendments).WithOne().HasForeignKey(a => a.VisitId).OnDelete(DeleteBehavior.Cascade);
            e.Property(v => v.Assessment).HasMaxLength(Sealed(FieldLimits.NoteSection)).HasConversion(seal);
            e.Property(v => v.Plan).HasMaxLength(Sealed(FieldLimits.NoteSection)).HasConversion(seal);
            e.HasOne<KnotworkUser>().WithMany().HasForeignKey(v => v.SignedById).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<CheckInRecord>(e =>
        {
            e.HasKey(c => c.VisitId);
            e.HasOne<VisitRecord>().WithOne().HasForeignKey<CheckInRecord>(c => c.VisitId).OnDelete(DeleteBehavior.Cascade);
            e.Property(c => c.AnswersJson).HasConversion(seal);
            e.HasIndex(c => new { c.SentAtUtc, c.DueAtUtc });
        });

        builder.Entity<IntakeRecord>(e =>
        {
            e.HasKey(i => i.BookingId);
            e.HasOne<BookingRecord>().WithOne().HasForeignKey<IntakeRecord>(i => i.BookingId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ClientRecord>().WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Cascade);
            e.Property(i => i.AnswersJson).HasConversion(sealText);
            e.HasIndex(i => i.ClientId);
            e.HasIndex(i => i.PainMapId).IsUnique();
        });

        builder.Entity<NoteAmendmentRecord>(e =>
        {
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Text).HasMaxLength(Sealed(FieldLimits.NoteSection)).HasConversion(sealText);
            e.HasOne<KnotworkUser>().WithMany().HasForeignKey(a => a.ById).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => a.VisitId);
        });

        builder.Entity<ChartEntryRecord>(e =>
        {
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.DetailJson).HasConversion(sealText);
            e.HasOne<KnotworkUser>().WithMany().HasForeignKey(c => c.RecordedById).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => c.VisitId);
        });

        builder.Entity<TherapistAccountRecord>(e =>
        {
            e.HasKey(a => a.TherapistId);
            e.Property(a => a.TherapistId).HasMaxLength(FieldLimits.SetupId);
            e.HasIndex(a => a.UserId).IsUnique();
        });

        builder.Entity<ChairEventRecord>(e =>
        {
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Company).HasMaxLength(FieldLimits.Name);
            e.Property(c => c.ContactName).HasMaxLength(Sealed(FieldLimits.Name)).HasConversion(sealText);
            e.Property(c => c.ContactEmail).HasMaxLength(Sealed(FieldLimits.Email)).HasConversion(sealText);
            e.Property(c => c.ContactPhone).HasMaxLength(Sealed(FieldLimits.Phone)).HasConversion(seal);
            e.Property(c => c.Address).HasMaxLength(Sealed(FieldLimits.AddressLine)).HasConversion(sealText);
            e.Property(c => c.Zip).HasMaxLength(5);
            e.Property(c => c.TimeZone).HasMaxLength(FieldLimits.TimeZone);
            e.Property(c => c.Notes).HasMaxLength(Sealed(FieldLimits.BookingNotes)).HasConversion(seal);
            e.Property(c => c.QuotedPrice).HasPrecision(10, 2);
            e.Property(c => c.EmployeeTokenHash).HasMaxLength(64);
            e.Property(c => c.RosterTokenHash).HasMaxLength(64);
            e.HasIndex(c => c.RosterTokenHash).IsUnique();
            e.HasIndex(c => new { c.Status, c.StartUtc });
            e.HasMany(c => c.Therapists).WithOne().HasForeignKey(t => t.EventId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<EventTherapistRecord>(e =>
        {
            e.HasKey(t => new { t.EventId, t.Chair });
            e.Property(t => t.TherapistId).HasMaxLength(FieldLimits.SetupId);
            e.HasIndex(t => t.TherapistId);
        });

        builder.Entity<EventSlotBookingRecord>(e =>
        {
            e.Property(b => b.Id).ValueGeneratedNever();
            e.Property(b => b.SlotId).HasMaxLength(8);
            e.Property(b => b.Name).HasMaxLength(Sealed(FieldLimits.Name)).HasConversion(sealText);
            e.Property(b => b.Email).HasMaxLength(Sealed(FieldLimits.Email)).HasConversion(sealText);
            e.Property(b => b.Screening).HasConversion(new JsonConverter<EventScreening>().ComposeWith(sealText));
            e.Property(b => b.CancelTokenHash).HasMaxLength(64);
            e.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(b => b.Attendance).HasConversion<string>().HasMaxLength(20);
            e.HasOne<ChairEventRecord>().WithMany().HasForeignKey(b => b.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(b => b.CancelTokenHash).IsUnique();
            e.HasIndex(b => new { b.ReminderSentAtUtc, b.StartUtc });

            // One booked row per slot: the last word when two employees take the same slot, on both providers (both
            // index only the rows the filter keeps; cancelled rows stay for the record and release the slot).
            e.HasIndex(b => new { b.EventId, b.SlotId }).IsUnique().HasFilter("\"Status\" = 'Booked'").HasDatabaseName("IX_EventSlotBookings_BookedSlot");
        });

        builder.Entity<EventWaitRecord>(e =>
        {
            e.ToTable("EventWaitingList");
            e.Property(w => w.Id).ValueGeneratedNever();
            e.Property(w => w.Name).HasMaxLength(Sealed(FieldLimits.Name)).HasConversion(sealText);
            e.Property(w => w.Email).HasMaxLength(Sealed(FieldLimits.Email)).HasConversion(sealText);
            e.Property(w => w.PromotedSlotId).HasMaxLength(8);
            e.HasOne<ChairEventRecord>().WithMany().HasForeignKey(w => w.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(w => new { w.EventId, w.JoinedAtUtc });
        });

        builder.Entity<HeldMessage>(e =>
        {
            e.ToTable("HeldMail");
            e.Property(m => m.To).HasMaxLength(FieldLimits.Email);
            e.Property(m => m.Subject).HasMaxLength(300);
            e.Property(m => m.HtmlBody).HasConversion(seal); // holds confirmation, invitation and reset links
            e.Property(m => m.AttachmentsJson).HasConversion(seal); // an invitation names the client and their address
            e.HasIndex(m => m.CreatedAtUtc);
        });
    }

    /// <summary>The column length for a sealed value whose plain text is at most <paramref name="plainLength"/> characters.</summary>
    private static int Sealed(int plainLength) => FieldCipher.SealedLength(plainLength);

    private static ValueComparer<List<T>> ListComparer<T>() => new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        v => v.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
        v => v.ToList());

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));

    private sealed class ScreeningItemsConverter() : ValueConverter<List<ScreeningItem>, string>(
        v => string.Join(',', v),
        v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ScreeningItem>).ToList());

    private sealed class JsonConverter<T>() : ValueConverter<T, string>(
        v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
        v => JsonSerializer.Deserialize<T>(v, JsonSerializerOptions.Web)!)
        where T : class;
}

/// <summary>The SQLite provider's context (the default: a file in the data folder).</summary>
public sealed class SqliteKnotworkDbContext(DbContextOptions<SqliteKnotworkDbContext> options) : KnotworkDbContext(options);

/// <summary>
/// The PostgreSQL provider's context (production; several app servers over one database). Its migrations add an
/// exclusion constraint EF cannot model: two bookings that still hold their time never overlap for one therapist
/// (<c>EX_Bookings_TherapistTime</c>, over btree_gist), whatever path writes them.
/// </summary>
public sealed class PostgresKnotworkDbContext(DbContextOptions<PostgresKnotworkDbContext> options) : KnotworkDbContext(options)
{
    /// <summary>The exclusion constraint's name, for recognising its violation.</summary>
    public const string BookingOverlapConstraint = "EX_Bookings_TherapistTime";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("btree_gist"); // for the bookings' exclusion constraint (equality on text inside a GiST index)
    }
}
