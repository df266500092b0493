prefix = "web"
env = "prod"
disks = [{ size = 10, type = "ssd", boot = true }, { size = 20, type = "hdd", boot = false }, { size = 40, type = "ssd", boot = false }]
sizes = { small = 10, medium = 40, large = 100 }
names = ["vda", "vdb", "vdc"]
n = 3
none = []
flags = { encrypted = "true", copies = "2", ratio = "1.5" }
image = null
