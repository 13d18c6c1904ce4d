using System.Globalization;
using System.Text;

namespace TokenLab.Client.Tests.Text;

/// <summary>
/// Real-shaped secrets of many kinds, each in a sentence of the kind an admin writes, made from the issuers'
/// documented formats (prefix, alphabet, length) with a fixed seed: no real secret is committed, and a
/// repository scanner has no literal token to flag. Four samples of each kind, in different sentences.
/// </summary>
internal static class SecretSamples
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";
    private const string Alnum = Lower + Upper + Digits;
    private const string Base64Chars = Alnum + "+/";
    private const string UrlSafe = Alnum + "_-";
    private const string LowerHex = Digits + "abcdef";

    /// <param name="Kind">What the secret is.</param>
    /// <param name="Text">The sentence that holds it.</param>
    /// <param name="RandomParts">The random characters in it, none of which may survive redaction.</param>
    public sealed record Sample(string Kind, string Text, IReadOnlyList<string> RandomParts);

    public static IReadOnlyList<Sample> All()
    {
        var random = new Random(20261208);
        var parts = new List<string>();
        string Keep(string part)
        {
            parts.Add(part);
            return part;
        }

        string R(string alphabet, int length) => Keep(Pick(random, alphabet, length));
        string B64(int bytes) => Keep(Convert.ToBase64String(Enumerable.Range(0, bytes).Select(_ => (byte)random.Next(256)).ToArray()));

        var kinds = new (string Kind, Func<string> Secret, string[] Templates)[]
        {
            ("TokenLab API key", () => "sk-" + R(Alnum, 48), ["Read this key aloud: {0}.", "$env:TOKENLAB_API_KEY = '{0}'", "The key {0} belongs to the finance team.", "Try again with {0} please."]),
            ("TokenLab project key", () => "sk-proj-" + R(UrlSafe, 56), ["export OPENAI_API_KEY={0}", "Use {0} for the pilot.", "key: {0}", "The new project key is {0}"]),
            ("TokenLab management token", () => "mt-" + R(Alnum, 40), ["Management token {0} rotates monthly.", "Use {0} for /v1/management.", "mt token={0}", "It was {0}, I think."]),
            ("AWS access key ID", () => "AKIA" + R(Upper + Digits, 16), ["The access key {0} belongs to the backup user.", "aws_access_key_id = {0}", "Key ID: {0}", "Rotate {0} now."]),
            ("AWS secret access key", () => R(Base64Chars, 40), ["aws_secret_access_key = {0}", "AWS_SECRET_ACCESS_KEY={0}", "\"SecretAccessKey\": \"{0}\"", "secret_access_key: {0}"]),
            ("GitHub classic token", () => "ghp_" + R(Alnum, 36), ["git clone with token {0} works.", "GITHUB_TOKEN={0}", "The bot uses {0}.", "Paste {0} into the CI settings."]),
            ("GitHub fine-grained token", () => "github_pat_" + R(Alnum, 22) + "_" + R(Alnum, 59), ["Fine-grained token: {0}", "Use {0} for the release job.", "token={0}", "PAT {0} expires in May."]),
            ("GitLab token", () => "glpat-" + R(UrlSafe, 20), ["GitLab token {0} is for the runner.", "CI_JOB_TOKEN={0}", "Authenticate with {0}.", "The token is {0}."]),
            ("Slack bot token", () => "xoxb-" + R(Digits, 12) + "-" + R(Digits, 13) + "-" + R(Alnum, 24), ["The Slack bot token is {0}.", "SLACK_BOT_TOKEN={0}", "Post with {0}.", "Old token: {0}"]),
            ("Slack webhook", () => "https://hooks.slack.com/services/T" + R(Upper + Digits, 8) + "/B" + R(Upper + Digits, 10) + "/" + R(Alnum, 24), ["Post alerts to {0} please.", "The webhook is {0}", "Send it to {0}.", "webhook_url: {0}"]),
            ("Google API key", () => "AIza" + R(UrlSafe, 35), ["The Maps key {0} is restricted.", "GOOGLE_API_KEY={0}", "Use {0} in the widget.", "Key {0} was leaked."]),
            ("Stripe secret key", () => "sk_live_" + R(Alnum, 99), ["Charge with {0}.", "STRIPE_SECRET_KEY={0}", "The live key is {0}.", "Do not share {0}."]),
            ("Stripe restricted key", () => "rk_live_" + R(Alnum, 24), ["The restricted key {0} reads balances.", "Use {0} for reporting.", "rk={0}", "It is {0}."]),
            ("npm token", () => "npm_" + R(Alnum, 36), ["//registry.npmjs.org/:_authToken={0}", "Publish with {0}.", "NPM_TOKEN={0}", "The npm token {0} is read-only."]),
            ("Hugging Face token", () => "hf_" + R(Alnum, 34), ["Download the model with {0}.", "HF_TOKEN={0}", "huggingface-cli login --token {0}", "Token {0} has write access."]),
            ("SendGrid API key", () => "SG." + R(UrlSafe, 22) + "." + R(UrlSafe, 43), ["Mail goes out with {0}.", "SENDGRID_API_KEY={0}", "The key {0} sends invoices.", "Use {0}"]),
            ("Twilio API key", () => "SK" + R(LowerHex, 32), ["Twilio key {0} sends the SMS codes.", "TWILIO_API_KEY={0}", "Use {0} for calls.", "SID {0}"]),
            ("JSON Web Token", () => Keep(Jwt(random)), ["Authorization token {0} expired.", "The id_token was {0}", "Paste {0} into jwt.io.", "jwt: {0}"]),
            ("private key", () => "-----BEGIN " + new[] { "RSA ", "EC ", "OPENSSH ", "" }[random.Next(4)] + "PRIVATE KEY-----\n" + B64(48) + "\n" + B64(48) + "\n-----END PRIVATE KEY-----", ["Here is the key:\n{0}", "{0}", "Install this:\n{0}\nthen restart.", "Key file:\n{0}"]),
            ("Azure Storage connection string", () => "DefaultEndpointsProtocol=https;AccountName=stprod" + R(Lower + Digits, 6) + ";AccountKey=" + B64(64) + ";EndpointSuffix=core.windows.net", ["The connection string is {0}", "AZURE_STORAGE_CONNECTION_STRING=\"{0}\"", "Use {0}", "Storage: {0}"]),
            ("Service Bus connection string", () => "Endpoint=sb://ns-" + R(Lower, 6) + ".servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + B64(32), ["The queue uses {0}", "ServiceBus={0}", "Connect with {0}.", "{0}"]),
            ("SQL connection string password", () => "Server=sql" + R(Digits, 2) + ";Database=Sales;User Id=app;Password=" + R(Alnum, 10) + "!;", ["Connect with {0}", "The string is {0}", "{0}", "ConnectionStrings__Sales={0}"]),
            ("YAML password", () => "password: " + R(Alnum, 6) + "#" + R(Alnum, 5), ["db:\n  host: sql01\n  {0}\n  port: 1433", "{0}", "  {0}", "smtp:\n  user: alerts\n  {0}"]),
            ("HTTP Basic credentials", () => "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("svc-" + R(Lower, 5) + ":" + R(Alnum, 12))), ["Authorization: {0}", "Send the header {0} to the proxy.", "curl -H 'Authorization: {0}' https://api.contoso.com", "The header was {0}."]),
            ("bearer token", () => "Bearer " + R(UrlSafe, 40), ["Authorization: {0}", "The header {0} worked.", "curl -H \"Authorization: {0}\"", "Send {0} with the request."]),
            ("URL with credentials", () => "https://svc-" + R(Lower, 4) + ":" + R(Alnum, 12) + "@intranet.contoso.com/api", ["Open {0} now.", "The feed is {0}.", "Clone from {0}", "Proxy: {0}"]),
            ("signed URL", () => "https://stprod.blob.core.windows.net/audio/a.wav?sv=2024-11-04&se=2026-12-31&sp=r&sig=" + Uri.EscapeDataString(B64(32)), ["Download {0} tonight.", "The link is {0}", "Share {0} with the vendor.", "{0}"]),
            ("S3 presigned URL", () => "https://tokenlab-exports.s3.amazonaws.com/report.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA" + R(Upper + Digits, 16) + "%2F20261208%2Feu-central-1%2Fs3%2Faws4_request&X-Amz-Signature=" + R(LowerHex, 64), ["Get it from {0}", "Presigned: {0}", "The export is at {0}.", "{0}"]),
            ("JSON client secret", () => "\"client_secret\": \"" + R(UrlSafe, 32) + "\"", ["{{ \"client_id\": \"app\", {0} }}", "{0}", "Config: {0}", "The JSON has {0}."]),
            ("Entra ID client secret", () => R(UrlSafe, 3) + R(Digits, 1) + "Q~" + R(UrlSafe + "~.", 34), ["The app secret is {0}.", "AZURE_CLIENT_SECRET={0}", "Use {0} for the service principal.", "Secret value: {0}"]),
            ("Databricks token", () => "dapi" + R(LowerHex, 32), ["Databricks token {0} runs the job.", "DATABRICKS_TOKEN={0}", "Use {0}.", "It is {0}."]),
            ("DigitalOcean token", () => "dop_v1_" + R(LowerHex, 64), ["doctl auth init with {0}", "DIGITALOCEAN_TOKEN={0}", "Use {0}.", "Token {0}"]),
            ("Shopify token", () => "shpat_" + R(LowerHex, 32), ["The shop token is {0}.", "SHOPIFY_TOKEN={0}", "Use {0}.", "{0}"]),
            ("Discord bot token", () => "M" + R(Alnum, 23) + "." + R(UrlSafe, 6) + "." + R(UrlSafe, 27), ["The Discord bot logs in with {0}.", "DISCORD_TOKEN={0}", "Use {0}.", "Bot token {0}"]),
            ("Telegram bot token", () => R(Digits, 10) + ":AA" + R(UrlSafe, 33), ["The Telegram bot token is {0}.", "TELEGRAM_TOKEN={0}", "Use {0}.", "Bot {0}"]),
            ("Google OAuth token", () => "ya29." + R(UrlSafe, 120), ["The access token {0} is valid for an hour.", "Use {0}.", "GOOGLE_TOKEN={0}", "{0}"]),
            ("Google OAuth client secret", () => "GOCSPX-" + R(UrlSafe, 28), ["The client secret is {0}.", "Use {0}.", "GOOGLE_CLIENT_SECRET={0}", "{0}"]),
            ("PyPI token", () => "pypi-AgEIcHlwaS5vcmc" + R(UrlSafe, 70), ["twine upload with {0}", "PYPI_TOKEN={0}", "Use {0}.", "{0}"]),
            ("Docker Hub token", () => "dckr_pat_" + R(UrlSafe, 27), ["docker login with {0}", "DOCKER_TOKEN={0}", "Use {0}.", "{0}"]),
            ("Vault token", () => "hvs." + R(UrlSafe, 24), ["vault login {0}", "VAULT_TOKEN={0}", "Use {0}.", "{0}"]),
            ("password on a command line", () => "--password '" + R(Alnum, 8) + "!" + R(Digits, 2) + "'", ["docker login -u admin {0}", "az login -u svc@contoso.com {0}", "Run it with {0}.", "sqlcmd -U sa {0}"]),
            ("API key setting", () => "api_key=" + R(LowerHex, 32), ["The config has {0}", "{0}", "Call it with {0}.", "settings.ini: {0}"]),
            ("opaque token", () => R(Alnum, 40), ["The integration token is {0}.", "Use {0} for the webhook.", "Its key is {0}.", "{0}"]),
        };

        var samples = new List<Sample>();
        foreach ((string kind, Func<string> secret, string[] templates) in kinds)
        {
            foreach (string template in templates)
            {
                parts.Clear();
                string text = string.Format(CultureInfo.InvariantCulture, template, secret());
                samples.Add(new Sample(kind, text, parts.ToArray()));
            }
        }

        return samples;
    }

    private static string Pick(Random random, string alphabet, int length)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private static string Jwt(Random random)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var signature = new byte[32];
        random.NextBytes(signature);
        return Part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Part("{\"sub\":\"" + random.Next() + "\",\"name\":\"svc\",\"iat\":1765190000}") + "."
            + Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
