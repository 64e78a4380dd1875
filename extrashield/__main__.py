from extrashield.cli.main import main

main()
