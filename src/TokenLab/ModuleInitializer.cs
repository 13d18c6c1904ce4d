using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace TokenLab.PowerShell
{
    /// <summary>
    /// On Windows PowerShell 5.1 (.NET Framework) loads the shipped System.Text.Json family (and whatever
    /// else is in Dependencies/) for the module's own assemblies: powershell.exe applies no binding
    /// redirects, and the family's assemblies reference each other at mismatched versions. The rule of
    /// what is answered is <see cref="DependencyResolver"/>. On PowerShell 7 it does nothing: the runtime's
    /// own copies win and must not be replaced.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly DependencyResolver Resolver =
            new DependencyResolver(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".");

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
            Assembly? requester = args.RequestingAssembly;
            string? path = Resolver.Resolve(new AssemblyName(args.Name), requester is { IsDynamic: false } ? requester.Location : null);
            return path is null ? null : Assembly.LoadFrom(path);
        }
    }
}
