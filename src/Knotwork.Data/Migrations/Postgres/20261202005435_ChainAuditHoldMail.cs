using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Knotwork.Data.Migrations.Postgres
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            // Today's outbox is mail held for want of an SMTP server: rename it, keeping its messages.
            migrationBuilder.DropPrimaryKey(name: "PK_Outbox", table: "Outbox");
            migrationBuilder.RenameTable(name: "Outbox", newName: "HeldMail");
            migrationBuilder.RenameIndex(name: "IX_Outbox_CreatedAtUtc", table: "HeldMail", newName: "IX_HeldMail_CreatedAtUtc");
            migrationBuilder.AddPrimaryKey(name: "PK_HeldMail", table: "HeldMail", column: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditLog");

            migrationBuilder.DropPrimaryKey(name: "PK_HeldMail", table: "HeldMail");
            migrationBuilder.RenameTable(name: "HeldMail", newName: "Outbox");
            migrationBuilder.RenameIndex(name: "IX_HeldMail_CreatedAtUtc", table: "Outbox", newName: "IX_Outbox_CreatedAtUtc");
            migrationBuilder.AddPrimaryKey(name: "PK_Outbox", table: "Outbox", column: "Id");
        }
    }
}
