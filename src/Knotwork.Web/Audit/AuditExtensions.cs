using Knotwork.Data.Audit;
using Knotwork.Data.Protection;

namespace Knotwork.Web.Audit;

/// <summary>Registers the audit trail and the chain that seals its entries with a key derived from the master key.</summary>
internal static class AuditExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(sp => new AuditChain(sp.GetRequiredService<MasterKey>().AuditChainKey()));
        services.AddScoped<AuditTrail>();
        return services;
    }
}
