using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Knotwork.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(844)", maxLength: 844, nullable: false),
                    ContactEmail = table.Column<string>(type: "character varying(1068)", maxLength: 1068, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(244)", maxLength: 244, nullable: true),
                    Address = table.Column<string>(type: "character varying(1244)", maxLength: 1244, nullable: false),
                    Zip = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    End = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Chairs = table.Column<int>(type: "integer", nullable: false),
                    SlotMinutes = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(8044)", maxLength: 8044, nullable: true),
                    QuotedPrice = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    EmployeeTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RosterTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SignUpClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChairEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EventSlotBookings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    SlotId = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Chair = table.Column<int>(type: "integer", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Name = table.Column<string>(type: "character varying(844)", maxLength: 844, nullable: false),
                    Email = table.Column<string>(type: "character varying(1068)", maxLength: 1068, nullable: false),
                    Screening = table.Column<string>(type: "text", nullable: true),
                    CancelTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attendance = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    FromWaitingListId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CancelledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Chair = table.Column<int>(type: "integer", nullable: false),
                    TherapistId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(844)", maxLength: 844, nullable: false),
                    Email = table.Column<string>(type: "character varying(1068)", maxLength: 1068, nullable: false),
                    JoinedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PromotedSlotId = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    PromotedBookingId = table.Column<Guid>(type: "uuid", nullable: true),
                    PromotedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
