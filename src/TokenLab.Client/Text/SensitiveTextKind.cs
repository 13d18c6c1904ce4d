namespace TokenLab.Client.Text
{
    /// <summary>The kinds of secret <see cref="SensitiveTextScanner"/> recognises.</summary>
    public enum SensitiveTextKind
    {
        /// <summary>A TokenLab (or OpenAI-style) API key: sk-...</summary>
        TokenLabApiKey,

        /// <summary>A TokenLab management token: mt-...</summary>
        TokenLabManagementToken,

        /// <summary>An HTTP bearer token ("Bearer ...") that looks random.</summary>
        BearerToken,

        /// <summary>An AWS access key ID (AKIA.../ASIA...) or a secret access key setting.</summary>
        AwsKey,

        /// <summary>A key or token of another service whose format its issuer documents (GitHub, GitLab, Slack, Google, Stripe, npm, Hugging Face, SendGrid and others).</summary>
        ServiceToken,

        /// <summary>A JSON Web Token (three base64url parts).</summary>
        JsonWebToken,

        /// <summary>A PEM private key block.</summary>
        PrivateKey,

        /// <summary>A password in a connection string or a setting (Password=..., Pwd=..., password: ...).</summary>
        ConnectionStringPassword,

        /// <summary>A URL with a user name and password in it (scheme://user:password@host).</summary>
        UrlWithCredentials,

        /// <summary>A URL whose query string carries a signature, token or key, or a webhook URL.</summary>
        SignedUrl,

        /// <summary>HTTP Basic credentials ("Basic " and base64 of user:password).</summary>
        BasicCredentials,

        /// <summary>An Azure Storage account key or a shared access key or signature in a connection string.</summary>
        CloudKey,

        /// <summary>The value of a setting named as a secret (api_key=..., "client_secret": "...", token: ...).</summary>
        SecretSetting,

        /// <summary>A long random string of no documented format: a key or token of unknown kind.</summary>
        OpaqueToken,
    }
}
