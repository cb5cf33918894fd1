using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Knotwork.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BookingExclusion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gist", ",,");

            // Written by hand (EF cannot model exclusion constraints): the database itself refuses two bookings that
            // still hold their time and overlap for one therapist. BookingStore serializes bookings with an advisory
            // lock and re-checks travel; this is the guarantee for any other path that writes bookings.
            migrationBuilder.Sql("""
                ALTER TABLE "Bookings" ADD CONSTRAINT "EX_Bookings_TherapistTime"
                EXCLUDE USING gist ("TherapistId" WITH =, tstzrange("StartUtc", "EndUtc", '[)') WITH &&)
                WHERE ("Status" = 'Booked');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "Bookings" DROP CONSTRAINT "EX_Bookings_TherapistTime";""");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:btree_gist", ",,");
        }
    }
}
