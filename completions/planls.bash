# bash completion for planls(1)
_planls() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W 'check new init --stdio --version --help' -- "$cur"))
        return
    fi
    case ${COMP_WORDS[1]} in
        check)
            if [ "$prev" = --format ]; then
                COMPREPLY=($(compgen -W 'text json sarif' -- "$cur"))
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
