using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace TokenLab.PowerShell
{
    /// <summary>
    /// The Windows PowerShell 5.1 rule for AssemblyResolve: a request is answered with a file from
    /// Dependencies/ only when it comes from one of the module's own assemblies (TokenLab.dll,
    /// TokenLab.Client.dll or a shipped dependency), names a shipped assembly, and asks for a version no
    /// higher than the shipped one (with the same public key). Every other request is left to the runtime
    /// and to other handlers: a module imported later that needs a newer System.Text.Json or System.Memory
    /// must fail or succeed on its own terms, not get our older copy. What is shipped is read from the
    /// folder itself, so a new dependency needs no change here.
    /// </summary>
    internal sealed class DependencyResolver
    {
        private readonly string moduleFolder;
        private readonly string dependencyFolder;
        private readonly Lazy<Dictionary<string, ShippedAssembly>> shipped;

        public DependencyResolver(string moduleFolder)
        {
            this.moduleFolder = Path.GetFullPath(moduleFolder);
            dependencyFolder = Path.Combine(this.moduleFolder, "Dependencies");
            shipped = new Lazy<Dictionary<string, ShippedAssembly>>(ReadShipped);
        }

        /// <summary>The file to load for <paramref name="requested"/>; null to leave the request alone.</summary>
        /// <param name="requested">The name in the resolve event.</param>
        /// <param name="requesterLocation">Where the requesting assembly was loaded from; null when unknown.</param>
        public string? Resolve(AssemblyName requested, string? requesterLocation)
        {
            if (requested.Name is null
                || !IsOurs(requesterLocation)
                || !shipped.Value.TryGetValue(requested.Name, out ShippedAssembly? file))
            {
                return null;
            }

            if (requested.Version != null && file.Name.Version != null && requested.Version > file.Name.Version)
            {
                return null;
            }

            byte[]? token = requested.GetPublicKeyToken();
            return token is { Length: > 0 } && !token.SequenceEqual(file.Name.GetPublicKeyToken() ?? Array.Empty<byte>())
                ? null
                : file.Path;
        }

        private bool IsOurs(string? requesterLocation)
        {
            if (string.IsNullOrEmpty(requesterLocation))
            {
                return false;
            }

            string? folder = Path.GetDirectoryName(Path.GetFullPath(requesterLocation));
            return string.Equals(folder, moduleFolder, StringComparison.OrdinalIgnoreCase)
                || string.Equals(folder, dependencyFolder, StringComparison.OrdinalIgnoreCase);
        }

        private Dictionary<string, ShippedAssembly> ReadShipped()
        {
            var files = new Dictionary<string, ShippedAssembly>(StringComparer.OrdinalIgnoreCase);
            if (!Directory.Exists(dependencyFolder))
            {
                return files;
            }

            foreach (string path in Directory.EnumerateFiles(dependencyFolder, "*.dll"))
            {
                try
                {
                    // Reads the file's identity without loading it.
                    AssemblyName name = AssemblyName.GetAssemblyName(path);
                    if (name.Name != null)
                    {
                        files[name.Name] = new ShippedAssembly(name, path);
                    }
                }
                catch (Exception ex) when (ex is BadImageFormatException || ex is IOException || ex is UnauthorizedAccessException)
                {
                    // Not a managed assembly, or unreadable: nothing this handler could load anyway.
                }
            }

            return files;
        }

        private sealed class ShippedAssembly
        {
            public ShippedAssembly(AssemblyName name, string path)
            {
                Name = name;
                Path = path;
            }

            public AssemblyName Name { get; }

            public string Path { get; }
        }
    }
}
