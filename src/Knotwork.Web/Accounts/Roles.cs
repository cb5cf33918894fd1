namespace Knotwork.Web.Accounts;

/// <summary>The three roles of a practice and the policies built on them.</summary>
internal static class Roles
{
    public const string Owner = "owner";
    public const string Therapist = "therapist";
    public const string Client = "client";

    public static readonly string[] All = [Owner, Therapist, Client];

    /// <summary>Policy: owner or therapist (staff must use two-factor sign-in).</summary>
    public const string StaffPolicy = "staff";

    /// <summary>Policy: the practice owner.</summary>
    public const string OwnerPolicy = "owner";

    /// <summary>Policy: a client with an account.</summary>
    public const string ClientPolicy = "client";
}
