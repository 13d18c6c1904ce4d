using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace TokenLab.PowerShell
{
    /// <summary>
    /// On Windows PowerShell 5.1 (.NET Framework) loads the shipped System.Text.Json family from
    /// the module's Dependencies folder whatever version is asked for: powershell.exe applies no
    /// binding redirects, and the family's assemblies reference each other at mismatched versions.
    /// On PowerShell 7 it does nothing: the runtime's own copies win and must not be replaced.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly HashSet<string> DesktopDependencies = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "System.Text.Json",
            "System.Text.Encodings.Web",
            "System.Memory",
            "System.Buffers",
            "System.Runtime.CompilerServices.Unsafe",
            "System.Numerics.Vectors",
            "System.Threading.Tasks.Extensions",
            "Microsoft.Bcl.AsyncInterfaces",
        };

        private static readonly string DependencyFolder =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

        internal static bool IsDesktop { get; } =
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <inheritdoc />
        public void OnImport()
        {
            if (IsDesktop)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveDesktopDependency;
            }
        }

        /// <inheritdoc />
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (IsDesktop)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveDesktopDependency;
            }
        }

        private static Assembly? ResolveDesktopDependency(object? sender, ResolveEventArgs args)
        {
            string? name = new AssemblyName(args.Name).Name;
            if (name is null || !DesktopDependencies.Contains(name))
            {
                return null;
            }

            string path = Path.Combine(DependencyFolder, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
