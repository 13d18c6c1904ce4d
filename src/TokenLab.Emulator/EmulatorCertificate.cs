using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TokenLab.Emulator;

/// <summary>
/// The certificate an https emulator serves: one given with <c>--certificate</c> (PFX, or PEM with its key),
/// or one generated at start for <c>localhost</c>, <c>127.0.0.1</c> and <c>::1</c>, valid for a week, which
/// nothing trusts until the user (or a test) chooses to.
/// </summary>
internal static class EmulatorCertificate
{
    public const string SubjectName = "CN=TokenLab emulator (localhost)";

    /// <exception cref="ArgumentException">The file cannot be read as a certificate with a private key.</exception>
    public static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            var certificate = Path.GetExtension(path).Equals(".pem", StringComparison.OrdinalIgnoreCase) || Path.GetExtension(path).Equals(".crt", StringComparison.OrdinalIgnoreCase)
                ? X509Certificate2.CreateFromPemFile(path)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new ArgumentException($"--certificate: '{path}' has no private key; give a PFX, or a PEM file holding both the certificate and its key.");
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--certificate: '{path}' cannot be read as a certificate with its private key (a PFX with --certificate-password, or a PEM with the key).");
        }
    }

    public static X509Certificate2 Generate(TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(SubjectName, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));

        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes the certificate (public part only) as PEM for clients to trust; returns the path.</summary>
    public static string WritePublicPem(X509Certificate2 certificate, int port)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tokenlab-emulator-{port}.crt");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
        return path;
    }

    /// <summary>What the emulator prints (on stderr; stdout carries only the listening line) so a user can trust it.</summary>
    public static string TrustHint(X509Certificate2 certificate, string pemPath) => $"""
        TLS certificate: {certificate.Subject}, SHA-256 {certificate.GetCertHashString(HashAlgorithmName.SHA256)}, written to {pemPath}
        To trust it for one client only (preferred):
          Node (openai npm SDK):  NODE_EXTRA_CA_CERTS={pemPath} node app.js
          curl:                   curl --cacert {pemPath} https://127.0.0.1:<port>/v1/models
          Python (requests/httpx): SSL_CERT_FILE={pemPath} python app.py
        To trust it on this machine (remove it afterwards):
          Linux (Debian/Ubuntu):  sudo cp {pemPath} /usr/local/share/ca-certificates/tokenlab-emulator.crt && sudo update-ca-certificates
          Windows (PowerShell):   Import-Certificate -FilePath {pemPath} -CertStoreLocation Cert:\CurrentUser\Root
          macOS:                  sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain {pemPath}
        A generated certificate is new at every start; pass --certificate to keep one.
        """;
}
