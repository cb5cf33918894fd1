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
            migrationBuilder.AlterColumn<string>(
                name: "Note",
                table: "PainMaps",
                type: "character varying(8044)",
                maxLength: 8044,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Context",
                table: "PainMaps",
                type: "character varying(4044)",
                maxLength: 4044,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);

            migrationBuilder.AlterColumn<string>(
                name: "ScreeningNotes",
                table: "Clients",
                type: "character varying(16044)",
                maxLength: 16044,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ScreeningItems",
                table: "Clients",
                type: "character varying(4044)",
                maxLength: 4044,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);

            migrationBuilder.AlterColumn<string>(
                name: "PostalCode",
                table: "Clients",
                type: "character varying(124)",
                maxLength: 124,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "Clients",
                type: "character varying(244)",
                maxLength: 244,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(50)",
                oldMaxLength: 50,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Medications",
                table: "Clients",
                type: "character varying(8044)",
                maxLength: 8044,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "DateOfBirth",
                table: "Clients",
                type: "character varying(84)",
                maxLength: 84,
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "City",
                table: "Clients",
                type: "character varying(444)",
                maxLength: 444,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "AddressLine",
                table: "Clients",
                type: "character varying(1244)",
                maxLength: 1244,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(300)",
                oldMaxLength: 300,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditLog",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastTotpStep",
                table: "AspNetUsers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "EncryptionKeyChecks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Sealed = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EncryptionKeyChecks", x => x.Id);
                });

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
                name: "EncryptionKeyChecks");

            migrationBuilder.DropTable(
                name: "Sessions");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "LastTotpStep",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<string>(
                name: "Note",
                table: "PainMaps",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(8044)",
                oldMaxLength: 8044,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Context",
                table: "PainMaps",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4044)",
                oldMaxLength: 4044);

            migrationBuilder.AlterColumn<string>(
                name: "ScreeningNotes",
                table: "Clients",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16044)",
                oldMaxLength: 16044,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ScreeningItems",
                table: "Clients",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4044)",
                oldMaxLength: 4044);

            migrationBuilder.AlterColumn<string>(
                name: "PostalCode",
                table: "Clients",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(124)",
                oldMaxLength: 124,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "Clients",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(244)",
                oldMaxLength: 244,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Medications",
                table: "Clients",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(8044)",
                oldMaxLength: 8044,
                oldNullable: true);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "DateOfBirth",
                table: "Clients",
                type: "date",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(84)",
                oldMaxLength: 84,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "City",
                table: "Clients",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(444)",
                oldMaxLength: 444,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "AddressLine",
                table: "Clients",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1244)",
                oldMaxLength: 1244,
                oldNullable: true);

            migrationBuilder.DropPrimaryKey(name: "PK_HeldMail", table: "HeldMail");
            migrationBuilder.RenameTable(name: "HeldMail", newName: "Outbox");
            migrationBuilder.RenameIndex(name: "IX_HeldMail_CreatedAtUtc", table: "Outbox", newName: "IX_Outbox_CreatedAtUtc");
            migrationBuilder.AddPrimaryKey(name: "PK_Outbox", table: "Outbox", column: "Id");

            }
    }
}
