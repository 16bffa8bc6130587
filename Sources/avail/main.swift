import AvailCommands
await AvailMain.run()
