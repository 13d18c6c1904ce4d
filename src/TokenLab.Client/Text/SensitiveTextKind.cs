namespace TokenLab.Client.Text
{
    /// <summary>The kinds of secret <see cref="SensitiveTextScanner"/> recognises.</summary>
    public enum SensitiveTextKind
    {
        /// <summary>A TokenLab (or OpenAI-style) API key: sk-….</summary>
        TokenLabApiKey,

        /// <summary>A TokenLab management token: mt-….</summary>
        TokenLabManagementToken,

        /// <summary>An HTTP bearer token ("Bearer …").</summary>
        BearerToken,

        /// <summary>An AWS access key ID (AKIA…/ASIA…) or a secret access key assignment.</summary>
        AwsKey,

        /// <summary>A GitHub, Slack or Google API token.</summary>
        ServiceToken,

        /// <summary>A JSON Web Token (three base64url parts).</summary>
        JsonWebToken,

        /// <summary>A PEM private key block.</summary>
        PrivateKey,

        /// <summary>A password in a connection string (Password=…, Pwd=…).</summary>
        ConnectionStringPassword,

        /// <summary>A URL with a user name and password in it (scheme://user:password@host).</summary>
        UrlWithCredentials,

        /// <summary>A URL whose query string carries a signature, token or key.</summary>
        SignedUrl,
    }
}
