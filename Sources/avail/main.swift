import AvailCommands
AvailMain.start()
