# Where the API key comes from (and in which order), what Connect-/Disconnect-/Get-TokenLabContext
# hold and show, SecretManagement (through a fake module with the real one's behaviour), and the
# rule that settings belong to one runspace.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    $BaseUri = $Test.BaseUri
    $Keys = @{
        Parameter   = Get-TestApiKey Default
        Context     = Get-TestApiKey Context
        Environment = Get-TestApiKey Environment
        Secret      = Get-TestApiKey Secret
    }
    $Ellipsis = '...'
    $FakesPath = Join-Path $PSScriptRoot 'Fakes'
    $FakeModuleBase = Join-Path $FakesPath 'Microsoft.PowerShell.SecretManagement'
    $SavedModulePath = $env:PSModulePath

    function Get-Masked {
        param([string] $Key)
        'sk-' + $Ellipsis + (Get-KeyTail $Key)
    }

    # Runs $Action (a catalog call for tts-1) and returns the tail of the key the emulator received, or '(none)'.
    function Get-SentKeyTail {
        param([scriptblock] $Action)
        Clear-EmulatorRequest
        $null = & $Action
        $requests = @(Get-EmulatorRequest -Path '/v1/models/tts-1')
        if ($requests.Count -eq 0) { throw 'No request reached the emulator.' }
        $authorization = Get-RecordedHeader -Request $requests[-1] -Name 'Authorization'
        if (-not $authorization) { return '(none)' }
        $authorization.Substring($authorization.Length - 4)
    }

    function Use-FakeSecretManagement {
        $env:PSModulePath = $FakesPath + [System.IO.Path]::PathSeparator + $SavedModulePath
        Import-Module Microsoft.PowerShell.SecretManagement -Global -Force -ErrorAction Stop
        $module = Get-Module Microsoft.PowerShell.SecretManagement
        if ($module.ModuleBase -ne $FakeModuleBase) { throw "Expected the fake SecretManagement, got $($module.ModuleBase)." }
        Reset-SecretManagementFake
    }

    function Remove-FakeSecretManagement {
        Get-Module Microsoft.PowerShell.SecretManagement | Remove-Module -Force
        $env:PSModulePath = $SavedModulePath
    }

    # Two vaults (TestVault is the default) holding the key in the shapes people store it.
    function Initialize-FakeVault {
        Register-SecretVault -Name TestVault -ModuleName Microsoft.PowerShell.SecretStore
        Register-SecretVault -Name OtherVault -ModuleName Microsoft.PowerShell.SecretStore
        Set-Secret -Name TokenLabKey -Secret $Keys.Secret -Vault TestVault
        Set-Secret -Name SecureKey -SecureStringSecret (ConvertTo-SecureText $Keys.Secret) -Vault TestVault
        Set-Secret -Name CredentialKey -Secret (New-Object System.Management.Automation.PSCredential 'tokenlab', (ConvertTo-SecureText $Keys.Context)) -Vault OtherVault
        Set-Secret -Name HashtableKey -Secret @{ key = $Keys.Secret } -Vault TestVault
        Set-Secret -Name BytesKey -Secret ([byte[]](1, 2, 3)) -Vault TestVault
    }

    # The state every test starts from.
    function Reset-TestState {
        Disconnect-TokenLab
        Clear-TokenLabEnvironment
        Reset-Emulator
    }
}

AfterAll {
    Remove-FakeSecretManagement
    Complete-TokenLabTest
}

Describe 'API key resolution order' {
    BeforeAll {
        Use-FakeSecretManagement
        Initialize-FakeVault
    }
    AfterAll {
        Remove-FakeSecretManagement
    }

    BeforeEach {
        Reset-TestState
        # Every source at once: -ApiKey (when a test passes it), the context, the environment and the opted-in secret.
        $env:TOKENLAB_API_KEY = $Keys.Environment
        $env:TOKENLAB_API_KEY_SECRET = 'TokenLabKey'
        $env:TOKENLAB_API_KEY_VAULT = 'TestVault'
        Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri
        $getSecretBefore = Get-SecretManagementFakeCall -Command Get-Secret
    }

    It '-ApiKey beats the context, the environment and the secret' {
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 -ApiKey $Keys.Parameter } | Should -Be (Get-KeyTail $Keys.Parameter)
        (Get-SecretManagementFakeCall -Command Get-Secret) - $getSecretBefore | Should -Be 0
    }

    It 'the Connect-TokenLab context beats TOKENLAB_API_KEY and the secret' {
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 } | Should -Be (Get-KeyTail $Keys.Context)
        (Get-TokenLabContext).ApiKeySource | Should -Be 'Connect-TokenLab -ApiKey'
        (Get-SecretManagementFakeCall -Command Get-Secret) - $getSecretBefore | Should -Be 0
    }

    It 'TOKENLAB_API_KEY beats the secret' {
        Disconnect-TokenLab
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri } | Should -Be (Get-KeyTail $Keys.Environment)
        $context = Get-TokenLabContext
        $context.ApiKeySource | Should -Be 'environment variable TOKENLAB_API_KEY'
        $context.ApiKey | Should -Be (Get-Masked $Keys.Environment)
        (Get-SecretManagementFakeCall -Command Get-Secret) - $getSecretBefore | Should -Be 0
    }

    It 'the opted-in secret (TOKENLAB_API_KEY_SECRET and _VAULT) comes last, read once per command' {
        Disconnect-TokenLab
        Remove-Item Env:TOKENLAB_API_KEY
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri } | Should -Be (Get-KeyTail $Keys.Secret)
        (Get-SecretManagementFakeCall -Command Get-Secret) - $getSecretBefore | Should -Be 1
    }

    It 'the opted-in secret is found in the default vault when TOKENLAB_API_KEY_VAULT is not set' {
        Disconnect-TokenLab
        Remove-Item Env:TOKENLAB_API_KEY, Env:TOKENLAB_API_KEY_VAULT
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri } | Should -Be (Get-KeyTail $Keys.Secret)
    }

    It 'no key anywhere: the catalog is still served, with no Authorization header' {
        Disconnect-TokenLab
        Clear-TokenLabEnvironment
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri } | Should -Be '(none)'
    }

    It '-Verbose names the source and shows the key masked' {
        $verbose = @(Get-TokenLabModel -Id tts-1 -ApiKey $Keys.Parameter -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
        $line = @($verbose | Where-Object { $_ -like '*-ApiKey parameter*' })
        $line.Count | Should -BeGreaterThan 0
        $line[0] | Should -BeLike ('*' + (Get-Masked $Keys.Parameter) + '*')
    }
}

Describe '-ApiKey binding' {
    BeforeEach { Reset-TestState }

    It 'accepts a <Kind>' -ForEach @(
        @{ Kind = 'plain string' }
        @{ Kind = 'SecureString' }
        @{ Kind = 'PSCredential (its password)' }
    ) {
        $key = $Keys.Context
        $value = $key
        if ($Kind -eq 'SecureString') { $value = ConvertTo-SecureText $key }
        if ($Kind -like 'PSCredential*') { $value = New-Object System.Management.Automation.PSCredential 'tokenlab', (ConvertTo-SecureText $key) }
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri -ApiKey $value } | Should -Be (Get-KeyTail $key)
    }

    It 'Connect-TokenLab takes the key by position, as a plain string' {
        Connect-TokenLab $Keys.Context -BaseUri $BaseUri
        (Get-TokenLabContext).ApiKey | Should -Be (Get-Masked $Keys.Context)
    }

    It 'rejects an empty -ApiKey at binding' {
        { Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri -ApiKey $null } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}

Describe 'Connect-TokenLab, Get-TokenLabContext and Disconnect-TokenLab' {
    BeforeEach { Reset-TestState }

    It 'holds the base URI, timeout, retries, retry wait and delivery policy, and shows where each came from' {
        $result = Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri -TimeoutSec 7 -MaxRetries 1 -MaxRetryWaitSec 9 -DeliveryPolicy verified
        $result | Should -BeNullOrEmpty
        $context = Get-TokenLabContext
        $context | Should -BeOfType ([TokenLab.PowerShell.Output.TokenLabContextInfo])
        $context.Connected | Should -BeTrue
        $context.ConnectedAt | Should -BeGreaterThan ([DateTimeOffset]::Now.AddMinutes(-5))
        $context.BaseUri.AbsoluteUri | Should -Be $BaseUri
        $context.BaseUriSource | Should -Be 'Connect-TokenLab'
        $context.TimeoutSec | Should -Be 7
        $context.MaxRetries | Should -Be 1
        $context.MaxRetryWaitSec | Should -Be 9
        $context.DeliveryPolicy | Should -Be 'verified'
        $context.ApiKey | Should -Be (Get-Masked $Keys.Context)
        $context.ApiKeySource | Should -Be 'Connect-TokenLab -ApiKey'
        $context.Proxy | Should -Be 'system proxy'
    }

    It 'takes the OpenAI-style base ending in /v1 (TokenLab''s docs give it) from -BaseUri, Connect-TokenLab and TOKENLAB_BASE_URL' {
        $withVersion = $BaseUri.TrimEnd('/') + '/v1'
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 -BaseUri $withVersion -ApiKey $Keys.Parameter } | Should -Be (Get-KeyTail $Keys.Parameter)
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 -BaseUri ($withVersion + '/') -ApiKey $Keys.Parameter } | Should -Be (Get-KeyTail $Keys.Parameter)

        $env:TOKENLAB_BASE_URL = $withVersion + '/'
        (Get-TokenLabContext).BaseUri.AbsoluteUri | Should -Be $BaseUri
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 -ApiKey $Keys.Parameter } | Should -Be (Get-KeyTail $Keys.Parameter)
        Remove-Item Env:TOKENLAB_BASE_URL

        Connect-TokenLab -ApiKey $Keys.Context -BaseUri $withVersion
        (Get-TokenLabContext).BaseUri.AbsoluteUri | Should -Be $BaseUri
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 } | Should -Be (Get-KeyTail $Keys.Context)
        @(Get-EmulatorRequest | Where-Object Path -like '/v1/v1/*').Count | Should -Be 0
    }

    It '-PassThru returns the context' {
        $result = Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri -PassThru
        @($result).Count | Should -Be 1
        $result | Should -BeOfType ([TokenLab.PowerShell.Output.TokenLabContextInfo])
        $result.Connected | Should -BeTrue
        $result.ApiKey | Should -Be (Get-Masked $Keys.Context)
    }

    It 'the context''s base URI and key are used by later commands' {
        Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 } | Should -Be (Get-KeyTail $Keys.Context)
    }

    It 'the context''s -MaxRetries applies, and a parameter overrides it' {
        Connect-TokenLab -BaseUri $BaseUri -MaxRetries 1
        Add-EmulatorFault -Match '/v1/models/tts-1' -Status 503 -Count 10
        $null = Get-TokenLabModel -Id tts-1 -ErrorAction SilentlyContinue
        @(Get-EmulatorRequest -Path '/v1/models/tts-1').Count | Should -Be 2
        Clear-EmulatorRequest
        $null = Get-TokenLabModel -Id tts-1 -MaxRetries 0 -ErrorAction SilentlyContinue
        @(Get-EmulatorRequest -Path '/v1/models/tts-1').Count | Should -Be 1
    }

    It 'the context''s -TimeoutSec applies' {
        Connect-TokenLab -BaseUri $BaseUri -TimeoutSec 2
        Add-EmulatorFault -Match '/v1/models/tts-1' -Kind stall -Count 5
        $null = Get-TokenLabModel -Id tts-1 -ErrorVariable errors -ErrorAction SilentlyContinue
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.Timeout,*'
        # The timeout that ended the stalled call is the context's 2 s, not the 30 s catalog default.
        $errors[0].Exception | Should -BeOfType ([TokenLab.Client.TokenLabTimeoutException])
        $errors[0].Exception.Timeout | Should -Be ([TimeSpan]::FromSeconds(2))
        @(Get-EmulatorRequest -Path '/v1/models/tts-1').Count | Should -Be 1
    }

    It '-WhatIf changes nothing' {
        $result = Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri -TimeoutSec 7 -WhatIf
        $result | Should -BeNullOrEmpty
        $context = Get-TokenLabContext
        $context.Connected | Should -BeFalse
        $context.TimeoutSec | Should -BeNullOrEmpty
        $context.ApiKey | Should -BeNullOrEmpty
    }

    It '-WhatIf keeps an existing context as it was' {
        Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri -MaxRetries 2
        Connect-TokenLab -ApiKey $Keys.Parameter -BaseUri 'https://api.tokenlab.sh/' -MaxRetries 5 -WhatIf
        $context = Get-TokenLabContext
        $context.ApiKey | Should -Be (Get-Masked $Keys.Context)
        $context.MaxRetries | Should -Be 2
        $context.BaseUri.AbsoluteUri | Should -Be $BaseUri
    }

    It 'a second Connect-TokenLab replaces the first entirely' {
        Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri -MaxRetries 2
        Connect-TokenLab -BaseUri $BaseUri
        $context = Get-TokenLabContext
        $context.ApiKey | Should -BeNullOrEmpty
        $context.MaxRetries | Should -Be 3
    }

    It 'Disconnect-TokenLab forgets the context' {
        Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri -MaxRetries 1
        Disconnect-TokenLab
        $context = Get-TokenLabContext
        $context.Connected | Should -BeFalse
        $context.ApiKey | Should -BeNullOrEmpty
        $context.ApiKeySource | Should -BeLike 'none*'
        $context.BaseUriSource | Should -Be 'module default'
        $context.BaseUri.AbsoluteUri | Should -Be 'https://api.tokenlab.sh/'
        $context.MaxRetries | Should -Be 3
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri } | Should -Be '(none)'
    }

    It 'Disconnect-TokenLab without a context is not an error' {
        { Disconnect-TokenLab -ErrorAction Stop } | Should -Not -Throw
        Disconnect-TokenLab -Verbose 4>&1 | ForEach-Object { $_.Message } | Should -BeLike '*no TokenLab context*'
    }

    It 'Get-TokenLabContext names TOKENLAB_BASE_URL as the source of the base URI' {
        $env:TOKENLAB_BASE_URL = $BaseUri
        $context = Get-TokenLabContext
        $context.BaseUri.AbsoluteUri | Should -Be $BaseUri
        $context.BaseUriSource | Should -Be 'environment variable TOKENLAB_BASE_URL'
    }

    It 'an invalid TOKENLAB_BASE_URL is a clear InvalidConfiguration error' {
        $env:TOKENLAB_BASE_URL = 'not a uri'
        { Get-TokenLabContext } | Should -Throw -ErrorId 'TokenLab.InvalidConfiguration,*'
        { Get-TokenLabModel -Id tts-1 } | Should -Throw -ErrorId 'TokenLab.InvalidConfiguration,*'
    }

    It 'masks the key as sk-...tail everywhere the context is shown' {
        Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri
        $context = Get-TokenLabContext
        $context.ApiKey | Should -BeExactly ('sk-' + $Ellipsis + 'c0n7')
        $shown = ($context | Out-String) + ($context | Format-List * | Out-String) + $context.ToString() + ($context | ConvertTo-Json)
        $shown | Should -Not -BeLike "*$($Keys.Context)*"
        $shown | Should -BeLike "*$(Get-Masked $Keys.Context)*"
    }

    It 'shows a short key as *** only' {
        Connect-TokenLab -ApiKey 'sk-short1' -BaseUri $BaseUri
        (Get-TokenLabContext).ApiKey | Should -Be '***'
    }

    It 'shows the proxy it holds' {
        Connect-TokenLab -BaseUri $BaseUri -Proxy 'http://proxy.contoso.invalid:8080/'
        (Get-TokenLabContext).Proxy | Should -Be 'http://proxy.contoso.invalid:8080/'
    }

    It 'never shows a proxy password given in the -Proxy URI: context, verbose, debug, errors' {
        $password = 'Pr0xyPa55w0rdZ'
        $remoteProxy = "http://proxyuser:$password@proxy.contoso.invalid:8080/"
        $closedProxy = "http://proxyuser:$password@127.0.0.1:$(Get-ClosedLoopbackPort)/"
        $capture = Invoke-WithFullCapture {
            Connect-TokenLab -BaseUri $BaseUri -Proxy $remoteProxy -Verbose
            Get-TokenLabContext | Format-List * | Out-String
            Get-TokenLabContext | ConvertTo-Json
            Get-TokenLabModel -Id tts-1 -BaseUri 'http://api.tokenlab.invalid/' -Proxy $closedProxy -MaxRetries 0 -TimeoutSec 10 -Verbose -Debug -ErrorAction SilentlyContinue
        }
        (Get-TokenLabContext).Proxy | Should -Be 'http://proxy.contoso.invalid:8080/ with credentials for proxyuser'
        $capture.Text | Should -BeLike '*ConnectionFailed*' -Because 'the request through the closed proxy really failed'
        $capture.Text | Should -Not -BeLike "*$password*"
    }

    It '-Save without -ApiKey is a clear error' {
        Use-FakeSecretManagement
        try {
            { Connect-TokenLab -SecretName TokenLabKey -Save } | Should -Throw -ErrorId 'TokenLab.InvalidConfiguration,*'
            Get-SecretManagementFakeCall -Command Set-Secret | Should -Be 0
        }
        finally { Remove-FakeSecretManagement }
    }
}

Describe 'SecretManagement' {
    BeforeAll {
        Use-FakeSecretManagement
    }
    AfterAll {
        Remove-FakeSecretManagement
    }
    BeforeEach {
        Reset-TestState
        Reset-SecretManagementFake
        Initialize-FakeVault
    }

    It 'Connect-TokenLab -Vault -SecretName reads a string secret (returned as SecureString) and names the source' {
        Connect-TokenLab -Vault TestVault -SecretName TokenLabKey -BaseUri $BaseUri
        $context = Get-TokenLabContext
        $context.ApiKey | Should -Be (Get-Masked $Keys.Secret)
        $context.ApiKeySource | Should -Be "SecretManagement secret 'TokenLabKey' in vault 'TestVault'"
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 } | Should -Be (Get-KeyTail $Keys.Secret)
        Get-SecretManagementFakeCall -Command Get-Secret | Should -Be 1
    }

    It 'reads a SecureString secret' {
        Connect-TokenLab -Vault TestVault -SecretName SecureKey -BaseUri $BaseUri
        (Get-TokenLabContext).ApiKey | Should -Be (Get-Masked $Keys.Secret)
    }

    It 'reads a PSCredential secret (its password is the key)' {
        Connect-TokenLab -Vault OtherVault -SecretName CredentialKey -BaseUri $BaseUri
        Get-SentKeyTail { Get-TokenLabModel -Id tts-1 } | Should -Be (Get-KeyTail $Keys.Context)
    }

    It 'reads the secret TokenLabApiKey when only -Vault is given' {
        Set-Secret -Name TokenLabApiKey -Secret $Keys.Secret -Vault OtherVault
        Connect-TokenLab -Vault OtherVault -BaseUri $BaseUri
        (Get-TokenLabContext).ApiKeySource | Should -Be "SecretManagement secret 'TokenLabApiKey' in vault 'OtherVault'"
    }

    It 'loads SecretManagement on demand when it is installed but not imported' {
        Get-Module Microsoft.PowerShell.SecretManagement | Remove-Module -Force
        try {
            # A fresh import has empty vaults: the opted-in secret cannot be found, but the module was found and asked.
            { Connect-TokenLab -Vault TestVault -SecretName TokenLabKey } | Should -Throw -ErrorId 'TokenLab.SecretVaultNotFound,*'
            Get-Module Microsoft.PowerShell.SecretManagement | Should -Not -BeNullOrEmpty
        }
        finally {
            Import-Module Microsoft.PowerShell.SecretManagement -Global -Force
        }
    }

    It 'calls SecretManagement''s own Get-Secret, not a function of the same name' {
        function global:Get-Secret { param($Name, $Vault) 'sk-hijacked-by-a-function-0000' }
        try {
            Connect-TokenLab -Vault TestVault -SecretName TokenLabKey -BaseUri $BaseUri
            (Get-TokenLabContext).ApiKey | Should -Be (Get-Masked $Keys.Secret)
        }
        finally {
            Remove-Item Function:\Get-Secret
            # The global function replaced the module's entry in the global function table: import it again.
            Import-Module Microsoft.PowerShell.SecretManagement -Global -Force
        }
    }

    It '-Save stores the key given by -ApiKey in the vault, and uses it' {
        $context = Connect-TokenLab -ApiKey $Keys.Context -Vault OtherVault -SecretName SavedKey -Save -BaseUri $BaseUri -PassThru
        Get-Secret -Name SavedKey -Vault OtherVault -AsPlainText | Should -Be $Keys.Context
        Get-Secret -Name SavedKey -Vault OtherVault | Should -BeOfType ([System.Security.SecureString])
        $context.ApiKey | Should -Be (Get-Masked $Keys.Context)
        $context.ApiKeySource | Should -BeLike "*SavedKey*OtherVault*"
    }

    It '-Save without -Vault stores the key in the default vault' {
        Connect-TokenLab -ApiKey $Keys.Context -SecretName SavedKey -Save -BaseUri $BaseUri
        Get-Secret -Name SavedKey -Vault TestVault -AsPlainText | Should -Be $Keys.Context
    }

    It '-Save -WhatIf stores nothing and connects nothing' {
        $setSecretBefore = Get-SecretManagementFakeCall -Command Set-Secret
        Connect-TokenLab -ApiKey $Keys.Context -Vault OtherVault -SecretName SavedKey -Save -BaseUri $BaseUri -WhatIf
        Get-SecretManagementFakeCall -Command Set-Secret | Should -Be $setSecretBefore
        @(Get-SecretInfo -Name SavedKey).Count | Should -Be 0
        (Get-TokenLabContext).Connected | Should -BeFalse
    }

    It 'a vault that is not registered -> TokenLab.SecretVaultNotFound (ObjectNotFound)' {
        $caught = $null
        try { Connect-TokenLab -Vault NoSuchVault -SecretName TokenLabKey } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'TokenLab.SecretVaultNotFound,*'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $caught.Exception.Message | Should -BeLike '*NoSuchVault*'
        $caught.ErrorDetails.RecommendedAction | Should -BeLike '*Register-SecretVault*'
        (Get-TokenLabContext).Connected | Should -BeFalse
    }

    It 'no vault registered at all -> TokenLab.SecretVaultNotFound for a named vault' {
        Reset-SecretManagementFake
        { Connect-TokenLab -Vault TestVault -SecretName TokenLabKey } | Should -Throw -ErrorId 'TokenLab.SecretVaultNotFound,*'
    }

    It 'a secret that does not exist -> TokenLab.SecretNotFound (ObjectNotFound), naming it' {
        $caught = $null
        try { Connect-TokenLab -Vault TestVault -SecretName NoSuchSecret } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'TokenLab.SecretNotFound,*'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $caught.Exception.Message | Should -BeLike '*NoSuchSecret*'
        $caught.ErrorDetails.RecommendedAction | Should -BeLike '*-Save*'
    }

    It 'a secret of the wrong type (<Name>) -> TokenLab.SecretInvalidType (InvalidType)' -ForEach @(
        @{ Name = 'HashtableKey' }
        @{ Name = 'BytesKey' }
    ) {
        $caught = $null
        try { Connect-TokenLab -Vault TestVault -SecretName $Name } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'TokenLab.SecretInvalidType,*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidType'
        $caught.Exception.Message | Should -BeLike "*$Name*"
    }

    It 'an opted-in secret that does not exist stops the command with TokenLab.SecretNotFound' {
        $env:TOKENLAB_API_KEY_SECRET = 'NoSuchSecret'
        { Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri } | Should -Throw -ErrorId 'TokenLab.SecretNotFound,*'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'touches no vault when the user did not opt in' {
        # Even the secret Connect-TokenLab -Vault would read by default is there: nothing may read it.
        Set-Secret -Name TokenLabApiKey -Secret $Keys.Secret -Vault TestVault
        $before = Get-SecretManagementFakeCall
        $null = Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri
        $null = Get-TokenLabModel -RecommendedFor tts -BaseUri $BaseUri
        $null = Get-TokenLabContext
        Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri
        $null = Get-TokenLabModel -Id tts-1
        Disconnect-TokenLab
        Get-SecretManagementFakeCall | Should -Be $before
    }

    It 'Get-TokenLabContext names an opted-in secret without reading it' {
        $env:TOKENLAB_API_KEY_SECRET = 'TokenLabKey'
        $env:TOKENLAB_API_KEY_VAULT = 'TestVault'
        $before = Get-SecretManagementFakeCall -Command Get-Secret
        $context = Get-TokenLabContext
        Get-SecretManagementFakeCall -Command Get-Secret | Should -Be $before
        $context.ApiKey | Should -BeNullOrEmpty
        $context.ApiKeySource | Should -BeLike "*'TokenLabKey'*'TestVault'*TOKENLAB_API_KEY_SECRET*"
    }
}

Describe 'SecretManagement not installed' {
    BeforeEach { Reset-TestState }

    BeforeAll {
        Get-Module Microsoft.PowerShell.SecretManagement | Remove-Module -Force
        # Only PowerShell's own modules: neither the fake nor any SecretManagement of this machine.
        $env:PSModulePath = Join-Path $PSHOME 'Modules'
    }
    AfterAll {
        $env:PSModulePath = $SavedModulePath
    }

    It 'has no SecretManagement to find (precondition)' {
        @(Get-Module -ListAvailable -Name Microsoft.PowerShell.SecretManagement).Count | Should -Be 0
    }

    It 'Connect-TokenLab -Vault -> TokenLab.SecretManagementNotInstalled (NotInstalled), saying what to install' {
        $caught = $null
        try { Connect-TokenLab -Vault TestVault -SecretName TokenLabKey } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'TokenLab.SecretManagementNotInstalled,*'
        $caught.CategoryInfo.Category | Should -Be 'NotInstalled'
        $caught.Exception.Message | Should -BeLike '*Microsoft.PowerShell.SecretManagement*'
        $caught.ErrorDetails.RecommendedAction | Should -BeLike '*Install-PSResource*'
        $caught.ErrorDetails.RecommendedAction | Should -BeLike '*Windows PowerShell 5.1*Install-Module*'
    }

    It 'Connect-TokenLab -Save -> TokenLab.SecretManagementNotInstalled' {
        { Connect-TokenLab -ApiKey $Keys.Context -SecretName TokenLabKey -Save } | Should -Throw -ErrorId 'TokenLab.SecretManagementNotInstalled,*'
        (Get-TokenLabContext).Connected | Should -BeFalse
    }

    It 'an opted-in secret -> TokenLab.SecretManagementNotInstalled' {
        $env:TOKENLAB_API_KEY_SECRET = 'TokenLabKey'
        { Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri } | Should -Throw -ErrorId 'TokenLab.SecretManagementNotInstalled,*'
    }

    It 'without opting in, nothing needs SecretManagement' {
        (Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri).Id | Should -Be 'tts-1'
        Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri
        (Get-TokenLabModel -Id tts-1).Id | Should -Be 'tts-1'
    }
}

Describe 'Settings are per runspace' {
    BeforeEach { Reset-TestState }

    It 'a context set here is not seen in a ForEach-Object -Parallel runspace' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
        Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri
        $parallel = [scriptblock]::Create(@'
param($ModulePath)
1, 2 | ForEach-Object -ThrottleLimit 2 -Parallel {
    Import-Module $using:ModulePath
    Get-TokenLabContext
}
'@)
        $contexts = @(& $parallel $Test.ModulePath)
        $contexts.Count | Should -Be 2
        foreach ($context in $contexts) {
            $context.Connected | Should -BeFalse
            $context.ApiKey | Should -BeNullOrEmpty
            $context.BaseUriSource | Should -Be 'module default'
        }
        (Get-TokenLabContext).Connected | Should -BeTrue
    }

    It 'a context set in a thread job does not change this runspace''s' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
        Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri
        $job = Start-ThreadJob -ScriptBlock {
            param($ModulePath, $Key)
            Import-Module $ModulePath
            Connect-TokenLab -ApiKey $Key -BaseUri 'https://elsewhere.tokenlab.invalid/' -PassThru
        } -ArgumentList $Test.ModulePath, $Keys.Parameter
        try {
            $inJob = $job | Wait-Job -Timeout 60 | Receive-Job -ErrorAction Stop
            $inJob.ApiKey | Should -Be (Get-Masked $Keys.Parameter)
        }
        finally { $job | Remove-Job -Force }
        $context = Get-TokenLabContext
        $context.ApiKey | Should -Be (Get-Masked $Keys.Context)
        $context.BaseUri.AbsoluteUri | Should -Be $BaseUri
    }

    It 'a new runspace starts without a context' {
        Connect-TokenLab -ApiKey $Keys.Context -BaseUri $BaseUri
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript('param($ModulePath) Import-Module $ModulePath; Get-TokenLabContext').AddArgument($Test.ModulePath)
            $context = @($shell.Invoke())[0]
            $shell.Streams.Error.Count | Should -Be 0
            $context.Connected | Should -BeFalse
        }
        finally { $shell.Dispose() }
    }
}
