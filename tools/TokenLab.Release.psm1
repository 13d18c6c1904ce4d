<#
Release steps of build.ps1 -Task Package, in a module so the tests can run them on a copy of the layout:
which files are Authenticode-signed, the signing itself (or its skip, said out loud), and the nupkg that
Publish-PSResource and Install-PSResource take.
#>
Set-StrictMode -Version 3.0

# Ours to sign: the assemblies, the manifest and the type and format files. Dependencies/ holds
# third-party assemblies that carry their publishers' signatures.
$SignableExtensions = @('.dll', '.psd1', '.psm1', '.ps1', '.ps1xml')

function Get-TokenLabSignableFile {
    <# The module's own files that AllSigned, WDAC and AppLocker check, relative to the module folder, from the manifest's FileList. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory = $true)] [string] $ModuleDirectory)
    $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $ModuleDirectory 'TokenLab.psd1')
    foreach ($file in $manifest.FileList) {
        $relative = $file -replace '\\', '/'
        if ($SignableExtensions -contains [System.IO.Path]::GetExtension($relative) -and $relative -notlike 'Dependencies/*') {
            $relative
        }
    }
}

function Set-TokenLabSignature {
    <#
    Authenticode-signs the signable files in place with a certificate from a PFX file or, on Windows, the
    certificate store (thumbprint), timestamped so the signatures outlive the certificate. Without a
    certificate nothing is signed and the result says so. Returns Signed, Files (relative paths) and Reason.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [string] $ModuleDirectory,
        [string] $CertificatePath,
        [securestring] $CertificatePassword,
        [string] $CertificateThumbprint,
        [string] $TimestampServer = 'http://timestamp.digicert.com'
    )
    $files = @(Get-TokenLabSignableFile -ModuleDirectory $ModuleDirectory)
    if (-not $CertificatePath -and -not $CertificateThumbprint) {
        return [pscustomobject]@{ Signed = $false; Files = @(); Reason = 'unsigned: no -CertificatePath or -CertificateThumbprint was given' }
    }
    if ($null -eq (Get-Command Set-AuthenticodeSignature -ErrorAction SilentlyContinue)) {
        throw 'Authenticode signing needs Windows (Set-AuthenticodeSignature); package without a certificate here, or sign on Windows.'
    }

    $certificate = if ($CertificatePath) {
        if ($CertificatePassword) {
            [System.Security.Cryptography.X509Certificates.X509Certificate2]::new((Resolve-Path -LiteralPath $CertificatePath).ProviderPath, $CertificatePassword)
        }
        else {
            [System.Security.Cryptography.X509Certificates.X509Certificate2]::new((Resolve-Path -LiteralPath $CertificatePath).ProviderPath)
        }
    }
    else {
        @(Get-ChildItem -Path Cert:\CurrentUser\My, Cert:\LocalMachine\My | Where-Object { $_.Thumbprint -eq $CertificateThumbprint })[0]
    }
    if ($null -eq $certificate -or -not $certificate.HasPrivateKey) {
        throw "No code-signing certificate with a private key was found ($CertificatePath$CertificateThumbprint)."
    }

    foreach ($file in $files) {
        $signature = Set-AuthenticodeSignature -LiteralPath (Join-Path $ModuleDirectory $file) -Certificate $certificate `
            -TimestampServer $TimestampServer -HashAlgorithm SHA256 -IncludeChain NotRoot -ErrorAction Stop
        if ($signature.Status -ne 'Valid') {
            throw "Signing $file failed: $($signature.Status) $($signature.StatusMessage)"
        }
    }
    [pscustomobject]@{ Signed = $true; Files = $files; Reason = "signed by $($certificate.Subject), timestamped by $TimestampServer" }
}

function New-TokenLabPackage {
    <# Packs the module folder into <OutputDirectory>/TokenLab.<version>.nupkg (Compress-PSResource, PSResourceGet 1.1+) and returns its path. #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)] [string] $ModuleDirectory,
        [Parameter(Mandatory = $true)] [string] $OutputDirectory
    )
    if ($null -eq (Get-Command Compress-PSResource -ErrorAction SilentlyContinue)) {
        throw 'Compress-PSResource (Microsoft.PowerShell.PSResourceGet 1.1 or later, in PowerShell 7.4+) is needed to make the nupkg.'
    }
    $version = (Import-PowerShellDataFile -LiteralPath (Join-Path $ModuleDirectory 'TokenLab.psd1')).ModuleVersion
    $null = New-Item -ItemType Directory -Path $OutputDirectory -Force
    $path = Join-Path $OutputDirectory "TokenLab.$version.nupkg"
    if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path -Force }
    Compress-PSResource -Path $ModuleDirectory -DestinationPath $OutputDirectory -ErrorAction Stop
    if (-not (Test-Path -LiteralPath $path)) { throw "Compress-PSResource did not write $path." }
    $path
}

Export-ModuleMember -Function Get-TokenLabSignableFile, Set-TokenLabSignature, New-TokenLabPackage
