using System.Security.Cryptography;
using System.Text;
using Knotwork.Data.Audit;

namespace Knotwork.Web.Audit;

/// <summary>Registers the audit trail and the chain that seals its entries.</summary>
internal static class AuditExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(_ => new AuditChain(SHA256.HashData(Encoding.UTF8.GetBytes("knotwork-audit-chain-placeholder-key"))));
        services.AddScoped<AuditTrail>();
        return services;
    }
}
