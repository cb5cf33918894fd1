using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Knotwork.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SlotReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentAtUtc",
                table: "EventSlotBookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventSlotBookings_ReminderSentAtUtc_StartUtc",
                table: "EventSlotBookings",
                columns: new[] { "ReminderSentAtUtc", "StartUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EventSlotBookings_ReminderSentAtUtc_StartUtc",
                table: "EventSlotBookings");

            migrationBuilder.DropColumn(
                name: "ReminderSentAtUtc",
                table: "EventSlotBookings");
        }
    }
}
