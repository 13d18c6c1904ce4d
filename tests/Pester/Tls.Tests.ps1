# The module against an https emulator: an https base URI and a wss:// realtime session, with the emulator's
# generated certificate trusted for one child process only (SSL_CERT_FILE, which .NET on Linux reads for its
# root store), so production certificate validation stays exactly as it is.
BeforeDiscovery {
    $script:CanTrustPerProcess = $PSVersionTable.PSEdition -eq 'Core' -and $IsLinux
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    Import-Module (Join-Path $PSScriptRoot '../../tools/TokenLab.DevTools.psm1') -Force
    $script:Tls = Start-TokenLabEmulator -Https -RealtimePace fast
    # The emulator writes the PEM just after it prints its address.
    for ($i = 0; $i -lt 100 -and -not (Test-Path -LiteralPath $Tls.CertificatePath); $i++) { Start-Sleep -Milliseconds 100 }

    function Invoke-WithTrustedCertificate {
        param([string] $Script, [string] $CertificateFile)
        $child = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($Test.ModulePath)'
$Script
"@
        $saved = $env:SSL_CERT_FILE
        try {
            if ($CertificateFile) { $env:SSL_CERT_FILE = $CertificateFile } else { Remove-Item Env:SSL_CERT_FILE -ErrorAction SilentlyContinue }
            $output = & dotnet pwsh -NoProfile -NonInteractive -Command $child 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
        }
        finally {
            if ($null -eq $saved) { Remove-Item Env:SSL_CERT_FILE -ErrorAction SilentlyContinue } else { $env:SSL_CERT_FILE = $saved }
        }
    }
}

AfterAll {
    if ($script:Tls) { $script:Tls | Stop-TokenLabEmulator }
}

Describe 'An https emulator' -Skip:(-not $CanTrustPerProcess) {
    It 'serves the catalog over https and a realtime turn over wss:// once its certificate is trusted' {
        $base = $Tls.BaseUri.AbsoluteUri
        $result = Invoke-WithTrustedCertificate -CertificateFile $Tls.CertificatePath -Script @"
(Get-TokenLabModel -BaseUri '$base' -ApiKey sk-emulator-local-key | Where-Object Id -eq 'whisper-1').Id
(Start-TokenLabRealtime -Model gpt-realtime -Text 'Over TLS' -OutputModality Text -BaseUri '$base' -ApiKey sk-emulator-local-key).Text
"@
        $result.Output | Should -Match 'whisper-1'
        $result.Output | Should -Match 'You said: Over TLS'
        $result.ExitCode | Should -Be 0
        $Tls.BaseUri.Scheme | Should -Be 'https'
    }

    It 'is refused by a client that does not trust the certificate' {
        $result = Invoke-WithTrustedCertificate -Script "Get-TokenLabModel -BaseUri '$($Tls.BaseUri.AbsoluteUri)' -ApiKey sk-emulator-local-key"
        $result.ExitCode | Should -Not -Be 0
        $result.Output | Should -Match 'SSL|TLS|certificate'
    }
}
