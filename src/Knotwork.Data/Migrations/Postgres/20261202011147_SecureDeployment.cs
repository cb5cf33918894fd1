using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Knotwork.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SecureDeployment : Migration
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

            migrationBuilder.CreateTable(
                name: "Sessions",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    SecurityStamp = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Staff = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Ticket = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sessions", x => x.Key);
                    table.ForeignKey(
                        name: "FK_Sessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Today's outbox is mail held for want of an SMTP server: rename it, keeping its messages.
            migrationBuilder.DropPrimaryKey(name: "PK_Outbox", table: "Outbox");
            migrationBuilder.RenameTable(name: "Outbox", newName: "HeldMail");
            migrationBuilder.RenameIndex(name: "IX_Outbox_CreatedAtUtc", table: "HeldMail", newName: "IX_HeldMail_CreatedAtUtc");
            migrationBuilder.AddPrimaryKey(name: "PK_HeldMail", table: "HeldMail", column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_UserId",
                table: "Sessions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Sessions");

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
