using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Knotwork.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VisitNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Assessment",
                table: "Visits",
                type: "TEXT",
                maxLength: 16044,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Plan",
                table: "Visits",
                type: "TEXT",
                maxLength: 16044,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SignedById",
                table: "Visits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NoteAmendmentRecord",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ById = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 16044, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteAmendmentRecord", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoteAmendmentRecord_AspNetUsers_ById",
                        column: x => x.ById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NoteAmendmentRecord_Visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "Visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_SignedById",
                table: "Visits",
                column: "SignedById");

            migrationBuilder.CreateIndex(
                name: "IX_NoteAmendmentRecord_ById",
                table: "NoteAmendmentRecord",
                column: "ById");

            migrationBuilder.CreateIndex(
                name: "IX_NoteAmendmentRecord_VisitId",
                table: "NoteAmendmentRecord",
                column: "VisitId");

            migrationBuilder.AddForeignKey(
                name: "FK_Visits_AspNetUsers_SignedById",
                table: "Visits",
                column: "SignedById",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Visits_AspNetUsers_SignedById",
                table: "Visits");

            migrationBuilder.DropTable(
                name: "NoteAmendmentRecord");

            migrationBuilder.DropIndex(
                name: "IX_Visits_SignedById",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "Assessment",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "Plan",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "SignedById",
                table: "Visits");
        }
    }
}
