using System;

namespace TokenLab.Client.Errors
{
    /// <summary>What an error response says besides its body: the status, and for a redirect where it pointed.</summary>
    internal readonly struct ErrorResponseInfo
    {
        public ErrorResponseInfo(int statusCode, Uri? requestUri, string? location)
        {
            StatusCode = statusCode;
            RequestUri = requestUri;
            Location = location;
        }

        public int StatusCode { get; }

        /// <summary>The request's URI, against which a relative Location resolves.</summary>
        public Uri? RequestUri { get; }

        /// <summary>The Location header as sent.</summary>
        public string? Location { get; }
    }
}
