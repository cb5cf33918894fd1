using QRCoder;

namespace Knotwork.Web.Accounts;

/// <summary>
/// The authenticator's <c>otpauth://</c> link as a QR code, for phones to scan instead of typing the key: a PNG in a
/// <c>data:</c> URL, which the Content-Security-Policy allows for images (no inline script or style is needed).
/// </summary>
internal static class AuthenticatorQrCode
{
    /// <summary>A <c>data:image/png;base64,...</c> URL of the QR code of <paramref name="otpauthUri"/>.</summary>
    public static string PngDataUrl(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(pixelsPerModule: 5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
