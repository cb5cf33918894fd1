using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Knotwork.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChairEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChairEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Company = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 844, nullable: false),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 1068, nullable: false),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 244, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 1244, nullable: false),
                    Zip = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Chairs = table.Column<int>(type: "INTEGER", nullable: false),
                    SlotMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 8044, nullable: true),
                    QuotedPrice = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false),
                    EmployeeTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RosterTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SignUpClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChairEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EventSlotBookings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SlotId = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Chair = table.Column<int>(type: "INTEGER", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 844, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 1068, nullable: false),
                    Screening = table.Column<string>(type: "TEXT", nullable: true),
                    CancelTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Attendance = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    FromWaitingListId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CancelledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventSlotBookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventSlotBookings_ChairEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "ChairEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventTherapists",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Chair = table.Column<int>(type: "INTEGER", nullable: false),
                    TherapistId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventTherapists", x => new { x.EventId, x.Chair });
                    table.ForeignKey(
                        name: "FK_EventTherapists_ChairEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "ChairEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventWaitingList",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 844, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 1068, nullable: false),
                    JoinedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PromotedSlotId = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    PromotedBookingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PromotedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventWaitingList", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventWaitingList_ChairEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "ChairEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChairEvents_RosterTokenHash",
                table: "ChairEvents",
                column: "RosterTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChairEvents_Status_StartUtc",
                table: "ChairEvents",
                columns: new[] { "Status", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_EventSlotBookings_BookedSlot",
                table: "EventSlotBookings",
                columns: new[] { "EventId", "SlotId" },
                unique: true,
                filter: "\"Status\" = 'Booked'");

            migrationBuilder.CreateIndex(
                name: "IX_EventSlotBookings_CancelTokenHash",
                table: "EventSlotBookings",
                column: "CancelTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventTherapists_TherapistId",
                table: "EventTherapists",
                column: "TherapistId");

            migrationBuilder.CreateIndex(
                name: "IX_EventWaitingList_EventId_JoinedAtUtc",
                table: "EventWaitingList",
                columns: new[] { "EventId", "JoinedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventSlotBookings");

            migrationBuilder.DropTable(
                name: "EventTherapists");

            migrationBuilder.DropTable(
                name: "EventWaitingList");

            migrationBuilder.DropTable(
                name: "ChairEvents");
        }
    }
}
