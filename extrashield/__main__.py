from extrashield.adapters.cli.main import main

main()
