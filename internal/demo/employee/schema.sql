-- The employee sample database, after Bytebase's employee-sample-database:
-- employees, the departments they work in and manage, their titles and
-- salaries, and an audit trail of changes to salaries.

CREATE TABLE public.employee (
    emp_no     integer PRIMARY KEY,
    birth_date date    NOT NULL,
    first_name text    NOT NULL,
    last_name  text    NOT NULL,
    gender     text    NOT NULL CHECK (gender IN ('M', 'F')),
    hire_date  date    NOT NULL
);

CREATE TABLE public.department (
    dept_no   text PRIMARY KEY,
    dept_name text NOT NULL UNIQUE
);

CREATE TABLE public.dept_manager (
    emp_no    integer NOT NULL REFERENCES public.employee (emp_no),
    dept_no   text    NOT NULL REFERENCES public.department (dept_no),
    from_date date    NOT NULL,
    to_date   date    NOT NULL,
    PRIMARY KEY (emp_no, dept_no)
);
CREATE INDEX idx_dept_manager_dept_no ON public.dept_manager (dept_no);

CREATE TABLE public.dept_emp (
    emp_no    integer NOT NULL REFERENCES public.employee (emp_no),
    dept_no   text    NOT NULL REFERENCES public.department (dept_no),
    from_date date    NOT NULL,
    to_date   date    NOT NULL,
    PRIMARY KEY (emp_no, dept_no)
);
CREATE INDEX idx_dept_emp_dept_no ON public.dept_emp (dept_no);

CREATE TABLE public.title (
    emp_no    integer NOT NULL REFERENCES public.employee (emp_no),
    title     text    NOT NULL,
    from_date date    NOT NULL,
    to_date   date    NOT NULL DEFAULT '9999-01-01',
    PRIMARY KEY (emp_no, title, from_date)
);

CREATE TABLE public.salary (
    emp_no    integer NOT NULL REFERENCES public.employee (emp_no),
    amount    integer NOT NULL,
    from_date date    NOT NULL,
    to_date   date    NOT NULL,
    PRIMARY KEY (emp_no, from_date)
);
CREATE INDEX idx_salary_amount ON public.salary (amount);

CREATE TABLE public.audit (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operation  text        NOT NULL,
    query      text        NOT NULL DEFAULT '',
    user_name  text        NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);

-- Who works where now: the latest department of each employee.
CREATE VIEW public.current_dept_emp AS
SELECT DISTINCT ON (emp_no) emp_no, dept_no, from_date, to_date
FROM public.dept_emp
ORDER BY emp_no, to_date DESC;
