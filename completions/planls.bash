# bash completion for planls(1)
_planls() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W 'check status new init mcp --stdio --version --help' -- "$cur"))
        return
    fi
    case ${COMP_WORDS[1]} in
        check)
            if [ "$prev" = --format ]; then
                COMPREPLY=($(compgen -W 'text json sarif github' -- "$cur"))
            elif [ "$prev" = --stdin-filename ]; then
                COMPREPLY=($(compgen -f -- "$cur"))
            elif [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W '--format --stale --require-active --plans-only --fix --fix=all --dry-run --diff --stdin-filename' -- "$cur"))
            else
                COMPREPLY=($(compgen -f -- "$cur"))
            fi
            ;;
        status)
            if [ "$prev" = --format ]; then
                COMPREPLY=($(compgen -W 'text json' -- "$cur"))
            elif [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W '--format' -- "$cur"))
            else
                COMPREPLY=($(compgen -f -- "$cur"))
            fi
            ;;
        init)
            COMPREPLY=($(compgen -W '--dry-run --readme --pre-commit' -- "$cur"))
            ;;
    esac
}
complete -o filenames -F _planls planls
