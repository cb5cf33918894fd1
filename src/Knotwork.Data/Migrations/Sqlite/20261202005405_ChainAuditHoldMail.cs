using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Knotwork.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChainAuditHoldMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditLog",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Today's outbox is mail held for want of an SMTP server: rename it, keeping its messages.
            migrationBuilder.RenameTable(name: "Outbox", newName: "HeldMail");
            migrationBuilder.RenameIndex(name: "IX_Outbox_CreatedAtUtc", table: "HeldMail", newName: "IX_HeldMail_CreatedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditLog");

            migrationBuilder.RenameTable(name: "HeldMail", newName: "Outbox");
            migrationBuilder.RenameIndex(name: "IX_HeldMail_CreatedAtUtc", table: "Outbox", newName: "IX_Outbox_CreatedAtUtc");
        }
    }
}
