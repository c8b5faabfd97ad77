from briefing.cli.commands import main

main()
