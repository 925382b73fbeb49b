// Firewall rules of the PostgreSQL server: only the App Service's outbound addresses and the
// operators' addresses may connect. A module because the outbound addresses are known only once the
// sites exist, and a loop needs its list when its deployment starts.

param serverName string

@description('Comma-separated outbound IPv4 addresses of the App Service sites.')
param appOutboundIpAddresses string

@description('Operators\' addresses (psql, restores), single IPv4 addresses.')
param adminIpAddresses array = []

var appAddresses = filter(split(appOutboundIpAddresses, ','), ip => !empty(trim(ip)))
var rules = union(
  map(appAddresses, ip => { name: 'app-${replace(trim(ip), '.', '-')}', ip: trim(ip) }),
  map(adminIpAddresses, ip => { name: 'admin-${replace(ip, '.', '-')}', ip: ip })
)

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' existing = {
  name: serverName
}

// One at a time: the server refuses concurrent changes.
@batchSize(1)
resource firewallRules 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = [
  for rule in rules: {
    parent: server
    name: rule.name
    properties: {
      startIpAddress: rule.ip
      endIpAddress: rule.ip
    }
  }
]
