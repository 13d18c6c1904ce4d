# Test double of Microsoft.PowerShell.SecretManagement 1.1.x.
#
# What it keeps from the real module (PowerShell/SecretManagement, src/code/SecretManagement.cs):
# - the command names and the parameters TokenLab uses, with the same positions and parameter sets;
# - Get-Secret returns string secrets as SecureString (plain text only with -AsPlainText), PSCredential,
#   Hashtable (string values converted the same way) and byte[] as stored; without -Vault it searches
#   the default vault first, then the others;
# - the error records: IDs, categories, exception types and messages of "secret not found"
#   (GetSecretNotFound, non-terminating), "vault not found" (GetSecretVaultNotFound, terminating) and
#   the warning written when no vault is registered;
# - the first vault registered becomes the default unless -DefaultVault says otherwise.
# What it does not do: load extension vault modules (any -ModuleName is accepted), persist anything,
# prompt. Secrets live in this module's scope, so each runspace that imports it starts empty.
# Two extra commands serve the tests: Reset-SecretManagementFake and Get-SecretManagementFakeCall
# (how many times each command ran, to prove that no vault was touched).
Set-StrictMode -Version 3.0

$script:Vaults = [ordered]@{}
$script:DefaultVaultName = ''
$script:Calls = @{}

$script:NoVaultRegistered = @'

        There are currently no extension vaults registered.
        At least one vault must be registered before SecretManagement can add or retrieve secrets.
        You can download SecretManagement extension vault modules from PowerShellGallery.
        https://www.powershellgallery.com/
'@

function Add-FakeCall {
    param([string] $Command)
    if ($script:Calls.ContainsKey($Command)) { $script:Calls[$Command]++ } else { $script:Calls[$Command] = 1 }
}

function New-FakeErrorRecord {
    param([System.Exception] $Exception, [string] $ErrorId, [System.Management.Automation.ErrorCategory] $Category, $Target)
    New-Object System.Management.Automation.ErrorRecord $Exception, $ErrorId, $Category, $Target
}

function ConvertTo-FakeSecureString {
    param([string] $Text)
    $secure = New-Object System.Security.SecureString
    foreach ($character in $Text.ToCharArray()) { $secure.AppendChar($character) }
    $secure.MakeReadOnly()
    $secure
}

function ConvertFrom-FakeSecureString {
    param([System.Security.SecureString] $Secure)
    (New-Object System.Net.NetworkCredential '', $Secure).Password
}

# Get-Secret's conversion: strings become SecureString unless -AsPlainText, in which case SecureString
# becomes string too; everything else is returned as stored.
function ConvertTo-FakeSecretOutput {
    param($Item, [bool] $AsPlainText)
    if (-not $AsPlainText -and $Item -is [string]) { return (ConvertTo-FakeSecureString $Item) }
    if ($AsPlainText -and $Item -is [System.Security.SecureString]) { return (ConvertFrom-FakeSecureString $Item) }
    , $Item
}

function Copy-FakeSecret {
    param($Secret)
    if ($null -ne $Secret) { $Secret = $Secret.psobject.BaseObject }
    if ($Secret -is [System.Security.SecureString]) { return $Secret.Copy() }
    if ($Secret -is [byte[]]) { return , ([byte[]]$Secret.Clone()) }
    if ($Secret -is [hashtable]) { return $Secret.Clone() }
    $Secret
}

function Get-FakeSecretType {
    param($Secret)
    if ($Secret -is [string]) { return 'String' }
    if ($Secret -is [System.Security.SecureString]) { return 'SecureString' }
    if ($Secret -is [System.Management.Automation.PSCredential]) { return 'PSCredential' }
    if ($Secret -is [hashtable]) { return 'Hashtable' }
    if ($Secret -is [byte[]]) { return 'ByteArray' }
    'Unknown'
}

# SecretCmdlet.GetExtensionVault: an unknown vault name is a terminating error.
function Get-FakeVault {
    param([string] $Name, [System.Management.Automation.PSCmdlet] $Cmdlet)
    if (-not $script:Vaults.Contains($Name)) {
        $message = [string]::Format([cultureinfo]::InvariantCulture, 'Vault not found in registry: {0}', $Name)
        $Cmdlet.ThrowTerminatingError((New-FakeErrorRecord (New-Object System.Management.Automation.PSInvalidOperationException $message) 'GetSecretVaultNotFound' 'ObjectNotFound' $Cmdlet))
    }
    $script:Vaults[$Name]
}

function Get-FakeVaultInfo {
    param($Vault)
    [pscustomobject]@{
        PSTypeName      = 'Microsoft.PowerShell.SecretManagement.SecretVaultInfo'
        Name            = $Vault.Name
        ModuleName      = $Vault.ModuleName
        ModulePath      = $Vault.ModuleName
        Description     = $Vault.Description
        VaultParameters = $Vault.VaultParameters
        IsDefault       = ($Vault.Name -eq $script:DefaultVaultName)
    }
}

function Get-Secret {
    [CmdletBinding(DefaultParameterSetName = 'NameParameterSet')]
    [OutputType([object])]
    param(
        [Parameter(Position = 0, Mandatory = $true, ValueFromPipeline = $true, ParameterSetName = 'NameParameterSet')]
        [string] $Name,

        [Parameter(Position = 1, ParameterSetName = 'NameParameterSet')]
        [string] $Vault,

        [Parameter(Mandatory = $true, ValueFromPipeline = $true, ParameterSetName = 'InfoParameterSet')]
        [object] $InputObject,

        [switch] $AsPlainText
    )
    begin {
        Add-FakeCall 'Get-Secret'
        if ($script:Vaults.Count -eq 0) { Write-Warning $script:NoVaultRegistered }
    }
    process {
        if ($PSCmdlet.ParameterSetName -eq 'InfoParameterSet') {
            $Name = $InputObject.Name
            $Vault = $InputObject.VaultName
        }

        $searched = @()
        if (-not [string]::IsNullOrEmpty($Vault)) {
            $searched += Get-FakeVault -Name $Vault -Cmdlet $PSCmdlet
        }
        else {
            if (-not [string]::IsNullOrEmpty($script:DefaultVaultName)) { $searched += $script:Vaults[$script:DefaultVaultName] }
            foreach ($candidate in $script:Vaults.Values) {
                if ($candidate.Name -ne $script:DefaultVaultName) { $searched += $candidate }
            }
        }

        foreach ($candidate in $searched) {
            if ($candidate.Secrets.ContainsKey($Name)) {
                $secret = $candidate.Secrets[$Name]
                if ($secret -is [hashtable]) {
                    $converted = @{}
                    foreach ($key in $secret.Keys) { $converted[$key] = ConvertTo-FakeSecretOutput $secret[$key] $AsPlainText.IsPresent }
                    $result = $converted
                }
                else {
                    $result = ConvertTo-FakeSecretOutput $secret $AsPlainText.IsPresent
                }
                # The comma keeps a byte[] secret one object, as the real cmdlet's WriteObject does.
                , $result
                return
            }
        }

        $message = [string]::Format([cultureinfo]::InvariantCulture, 'The secret {0} was not found.', $Name)
        $PSCmdlet.WriteError((New-FakeErrorRecord (New-Object System.Management.Automation.ItemNotFoundException $message) 'GetSecretNotFound' 'ObjectNotFound' $PSCmdlet))
    }
}

function Set-Secret {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'SecureStringParameterSet')]
    param(
        [Parameter(ParameterSetName = 'ObjectParameterSet', Position = 0, Mandatory = $true)]
        [Parameter(ParameterSetName = 'SecureStringParameterSet', Position = 0, Mandatory = $true)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [Parameter(Position = 1, Mandatory = $true, ValueFromPipeline = $true, ParameterSetName = 'ObjectParameterSet')]
        [object] $Secret,

        [Parameter(Position = 1, Mandatory = $true, ValueFromPipeline = $true, ParameterSetName = 'SecureStringParameterSet')]
        [System.Security.SecureString] $SecureStringSecret,

        [Parameter(Position = 2)]
        [string] $Vault,

        [Parameter(Position = 3)]
        [hashtable] $Metadata,

        [switch] $NoClobber
    )
    begin {
        Add-FakeCall 'Set-Secret'
        if ($script:Vaults.Count -eq 0) { Write-Warning $script:NoVaultRegistered }
    }
    process {
        if (-not $PSCmdlet.ShouldProcess($Vault, 'Write secret to vault and override any existing secret of the same name')) {
            return
        }

        $value = $SecureStringSecret
        if ($PSCmdlet.ParameterSetName -eq 'ObjectParameterSet') { $value = $Secret }
        if ($null -ne $value) { $value = $value.psobject.BaseObject }
        if ((Get-FakeSecretType $value) -eq 'Unknown') {
            $message = [string]::Format([cultureinfo]::InvariantCulture, 'Invalid secret type: {0}. Supported types are string, SecureString, PSCredential, Hashtable and byte[].', $value.GetType().FullName)
            $PSCmdlet.ThrowTerminatingError((New-FakeErrorRecord (New-Object System.Management.Automation.PSArgumentException $message) 'SetSecretInvalidSecretType' 'InvalidArgument' $PSCmdlet))
        }

        $target = $null
        if (-not [string]::IsNullOrEmpty($Vault)) {
            $target = Get-FakeVault -Name $Vault -Cmdlet $PSCmdlet
        }
        elseif (-not [string]::IsNullOrEmpty($script:DefaultVaultName)) {
            $target = $script:Vaults[$script:DefaultVaultName]
        }
        else {
            $PSCmdlet.ThrowTerminatingError((New-FakeErrorRecord (New-Object System.Management.Automation.PSInvalidOperationException 'Unable to set secret because no vault was provided and there is no default vault designated.') 'SetSecretCommandFailNoVault' 'InvalidOperation' $PSCmdlet))
        }

        if ($NoClobber.IsPresent -and $target.Secrets.ContainsKey($Name)) {
            $message = [string]::Format([cultureinfo]::InvariantCulture, 'A secret with name {0} already exists in vault {1}.', $Name, $target.Name)
            $PSCmdlet.ThrowTerminatingError((New-FakeErrorRecord (New-Object System.Management.Automation.PSInvalidOperationException $message) 'SetSecretCommandAlreadyExistsWithNoClobber' 'ResourceExists' $PSCmdlet))
        }

        $target.Secrets[$Name] = Copy-FakeSecret $value
        if ($null -ne $Metadata) { $target.Metadata[$Name] = $Metadata.Clone() }
    }
}

function Remove-Secret {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Position = 0, Mandatory = $true, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [Parameter(Position = 1, Mandatory = $true)]
        [ValidateNotNullOrEmpty()]
        [string] $Vault
    )
    begin { Add-FakeCall 'Remove-Secret' }
    process {
        $target = Get-FakeVault -Name $Vault -Cmdlet $PSCmdlet
        if (-not $PSCmdlet.ShouldProcess($Name, 'Remove secret by name from vault')) { return }
        if (-not $target.Secrets.ContainsKey($Name)) {
            $message = [string]::Format([cultureinfo]::InvariantCulture, 'The secret {0} was not found.', $Name)
            $PSCmdlet.WriteError((New-FakeErrorRecord (New-Object System.Management.Automation.ItemNotFoundException $message) 'RemoveSecretNotFound' 'ObjectNotFound' $PSCmdlet))
            return
        }
        $target.Secrets.Remove($Name)
        $target.Metadata.Remove($Name)
    }
}

function Get-SecretInfo {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)]
        [string] $Name = '*',

        [Parameter(Position = 1)]
        [string] $Vault
    )
    begin {
        Add-FakeCall 'Get-SecretInfo'
        if ($script:Vaults.Count -eq 0) { Write-Warning $script:NoVaultRegistered }
    }
    end {
        $vaults = @($script:Vaults.Values)
        if (-not [string]::IsNullOrEmpty($Vault)) { $vaults = @(Get-FakeVault -Name $Vault -Cmdlet $PSCmdlet) }
        $pattern = New-Object System.Management.Automation.WildcardPattern $Name, 'IgnoreCase'
        foreach ($candidate in $vaults) {
            foreach ($secretName in @($candidate.Secrets.Keys | Sort-Object)) {
                if ($pattern.IsMatch($secretName)) {
                    $metadata = @{}
                    if ($candidate.Metadata.ContainsKey($secretName)) { $metadata = $candidate.Metadata[$secretName] }
                    [pscustomobject]@{
                        PSTypeName = 'Microsoft.PowerShell.SecretManagement.SecretInformation'
                        Name       = $secretName
                        Type       = Get-FakeSecretType $candidate.Secrets[$secretName]
                        VaultName  = $candidate.Name
                        Metadata   = $metadata
                    }
                }
            }
        }
    }
}

function Register-SecretVault {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Position = 0, Mandatory = $true)]
        [ValidateNotNullOrEmpty()]
        [string] $ModuleName,

        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [hashtable] $VaultParameters = @{},

        [switch] $DefaultVault,

        [switch] $AllowClobber,

        [switch] $PassThru,

        [string] $Description = ''
    )
    Add-FakeCall 'Register-SecretVault'
    if (-not $PSBoundParameters.ContainsKey('Name')) {
        # The friendly name is the module name's leaf, without a .psd1/.psm1 extension.
        $Name = Split-Path -Path $ModuleName -Leaf
        if ($Name -match '\.ps[dm]1$') { $Name = [System.IO.Path]::GetFileNameWithoutExtension($Name) }
    }

    if ($script:Vaults.Contains($Name) -and -not $AllowClobber.IsPresent) {
        $PSCmdlet.ThrowTerminatingError((New-FakeErrorRecord (New-Object System.InvalidOperationException 'Provided Name for vault is already being used.') 'RegisterSecretVaultInvalidVaultName' 'InvalidArgument' $PSCmdlet))
    }

    if (-not $PSCmdlet.ShouldProcess($Name, 'Register module as a SecretManagement extension vault for current user')) {
        return
    }

    # An only registered vault becomes the default, unless -DefaultVault says otherwise.
    $isDefault = $script:Vaults.Count -eq 0
    if ($PSBoundParameters.ContainsKey('DefaultVault')) { $isDefault = $DefaultVault.IsPresent }

    $script:Vaults[$Name] = [pscustomobject]@{
        Name            = $Name
        ModuleName      = $ModuleName
        Description     = $Description
        VaultParameters = $VaultParameters
        Secrets         = @{}
        Metadata        = @{}
    }
    if ($isDefault) { $script:DefaultVaultName = $Name }

    if ($PassThru.IsPresent) { Get-FakeVaultInfo $script:Vaults[$Name] }
}

function Unregister-SecretVault {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Position = 0, Mandatory = $true, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [SupportsWildcards()]
        [ValidateNotNullOrEmpty()]
        [string[]] $Name
    )
    begin { Add-FakeCall 'Unregister-SecretVault' }
    process {
        foreach ($vaultName in $Name) {
            $names = @($vaultName)
            if ([System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($vaultName)) {
                $pattern = New-Object System.Management.Automation.WildcardPattern $vaultName, 'IgnoreCase'
                $names = @($script:Vaults.Keys | Where-Object { $pattern.IsMatch($_) })
            }

            foreach ($item in $names) {
                if (-not $PSCmdlet.ShouldProcess($item, 'Unregister SecretManagement extension vault module for current user')) { continue }
                if (-not $script:Vaults.Contains($item)) {
                    $message = [string]::Format([cultureinfo]::InvariantCulture, 'Unable to find secret vault {0} to unregister it.', $item)
                    $PSCmdlet.WriteError((New-FakeErrorRecord (New-Object System.Management.Automation.ItemNotFoundException $message) 'UnregisterSecretVaultObjectNotFound' 'ObjectNotFound' $PSCmdlet))
                    continue
                }
                $script:Vaults.Remove($item)
                if ($script:DefaultVaultName -eq $item) { $script:DefaultVaultName = '' }
                Write-Verbose ([string]::Format([cultureinfo]::InvariantCulture, 'Removed vault {0} from registry.', $item))
            }
        }
    }
}

function Get-SecretVault {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)]
        [SupportsWildcards()]
        [string[]] $Name
    )
    Add-FakeCall 'Get-SecretVault'
    if ($null -eq $Name) { $Name = @('*') }
    foreach ($vaultName in $Name) {
        if ([System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($vaultName)) {
            $pattern = New-Object System.Management.Automation.WildcardPattern $vaultName, 'IgnoreCase'
            foreach ($candidate in @($script:Vaults.Values | Sort-Object Name)) {
                if ($pattern.IsMatch($candidate.Name)) { Get-FakeVaultInfo $candidate }
            }
        }
        elseif ($script:Vaults.Contains($vaultName)) {
            Get-FakeVaultInfo $script:Vaults[$vaultName]
        }
        else {
            $message = [string]::Format([cultureinfo]::InvariantCulture, 'Vault {0} does not exist in registry.', $vaultName)
            $PSCmdlet.WriteError((New-FakeErrorRecord (New-Object System.Management.Automation.ItemNotFoundException $message) 'GetSecretVaultNotFound' 'ObjectNotFound' $PSCmdlet))
        }
    }
}

function Set-SecretVaultDefault {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'NameParameterSet')]
    param(
        [Parameter(ParameterSetName = 'NameParameterSet', Position = 0, Mandatory = $true)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [Parameter(ParameterSetName = 'ClearParameterSet', Mandatory = $true)]
        [switch] $ClearDefault
    )
    Add-FakeCall 'Set-SecretVaultDefault'
    if (-not $PSCmdlet.ShouldProcess($Name, 'Set vault as default')) { return }
    if ($PSCmdlet.ParameterSetName -eq 'ClearParameterSet') {
        $script:DefaultVaultName = ''
        return
    }
    if (-not $script:Vaults.Contains($Name)) {
        $PSCmdlet.ThrowTerminatingError((New-FakeErrorRecord (New-Object System.Management.Automation.ItemNotFoundException 'Vault name was not found.') 'VaultNotFound' 'ObjectNotFound' $PSCmdlet))
    }
    $script:DefaultVaultName = $script:Vaults[$Name].Name
}

function Test-SecretVault {
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Position = 0)]
        [string[]] $Name = @('*')
    )
    Add-FakeCall 'Test-SecretVault'
    foreach ($vaultName in $Name) {
        $pattern = New-Object System.Management.Automation.WildcardPattern $vaultName, 'IgnoreCase'
        $found = @($script:Vaults.Keys | Where-Object { $pattern.IsMatch($_) })
        if ($found.Count -eq 0) {
            $message = [string]::Format([cultureinfo]::InvariantCulture, 'Vault {0} was not found.', $vaultName)
            $PSCmdlet.WriteError((New-FakeErrorRecord (New-Object System.Management.Automation.ItemNotFoundException $message) 'TestSecretVaultNotFound' 'ObjectNotFound' $PSCmdlet))
            continue
        }
        foreach ($item in $found) { $true }
    }
}

function Reset-SecretManagementFake {
    <# Test helper (not in the real module): forgets every vault, secret and call count. #>
    [CmdletBinding()]
    param()
    $script:Vaults = [ordered]@{}
    $script:DefaultVaultName = ''
    $script:Calls = @{}
}

function Get-SecretManagementFakeCall {
    <# Test helper (not in the real module): how many times a command ran since the last reset (all of them without -Command). #>
    [CmdletBinding()]
    param([string] $Command)
    if ($Command) {
        if ($script:Calls.ContainsKey($Command)) { return $script:Calls[$Command] }
        return 0
    }
    $total = 0
    foreach ($value in $script:Calls.Values) { $total += $value }
    $total
}

Export-ModuleMember -Function Get-Secret, Set-Secret, Remove-Secret, Get-SecretInfo, Register-SecretVault, Unregister-SecretVault,
    Get-SecretVault, Set-SecretVaultDefault, Test-SecretVault, Reset-SecretManagementFake, Get-SecretManagementFakeCall
