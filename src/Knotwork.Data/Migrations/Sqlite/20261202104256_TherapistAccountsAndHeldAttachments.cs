using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Knotwork.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TherapistAccountsAndHeldAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AttachmentsJson",
                table: "HeldMail",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TherapistAccounts",
                columns: table => new
                {
                    TherapistId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TherapistAccounts", x => x.TherapistId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TherapistAccounts_UserId",
                table: "TherapistAccounts",
                column: "UserId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TherapistAccounts");

            migrationBuilder.DropColumn(
                name: "AttachmentsJson",
                table: "HeldMail");
        }
    }
}
