-- A few rows of the employee sample, enough to look at.
INSERT INTO public.department (dept_no, dept_name) VALUES
    ('d001', 'Marketing'),
    ('d002', 'Finance'),
    ('d003', 'Human Resources'),
    ('d004', 'Production'),
    ('d005', 'Development');

INSERT INTO public.employee (emp_no, birth_date, first_name, last_name, gender, hire_date) VALUES
    (10001, '1953-09-02', 'Georgi',    'Facello',   'M', '1986-06-26'),
    (10002, '1964-06-02', 'Bezalel',   'Simmel',    'F', '1985-11-21'),
    (10003, '1959-12-03', 'Parto',     'Bamford',   'M', '1986-08-28'),
    (10004, '1954-05-01', 'Chirstian', 'Koblick',   'M', '1986-12-01'),
    (10005, '1955-01-21', 'Kyoichi',   'Maliniak',  'M', '1989-09-12'),
    (10006, '1953-04-20', 'Anneke',    'Preusig',   'F', '1989-06-02');

INSERT INTO public.dept_emp (emp_no, dept_no, from_date, to_date) VALUES
    (10001, 'd005', '1986-06-26', '9999-01-01'),
    (10002, 'd001', '1996-08-03', '9999-01-01'),
    (10003, 'd004', '1995-12-03', '9999-01-01'),
    (10004, 'd004', '1986-12-01', '9999-01-01'),
    (10005, 'd003', '1989-09-12', '9999-01-01'),
    (10006, 'd005', '1990-08-05', '9999-01-01');

INSERT INTO public.dept_manager (emp_no, dept_no, from_date, to_date) VALUES
    (10002, 'd001', '1996-08-03', '9999-01-01'),
    (10004, 'd004', '1992-01-01', '9999-01-01');

INSERT INTO public.title (emp_no, title, from_date) VALUES
    (10001, 'Senior Engineer', '1986-06-26'),
    (10002, 'Staff', '1996-08-03'),
    (10003, 'Senior Engineer', '1995-12-03'),
    (10004, 'Engineer', '1986-12-01'),
    (10005, 'Staff', '1989-09-12'),
    (10006, 'Senior Engineer', '1990-08-05');

INSERT INTO public.salary (emp_no, amount, from_date, to_date) VALUES
    (10001, 88958, '2002-06-22', '9999-01-01'),
    (10002, 72527, '2001-08-02', '9999-01-01'),
    (10003, 43311, '2001-12-01', '9999-01-01'),
    (10004, 74057, '2001-11-27', '9999-01-01'),
    (10005, 94692, '2001-09-09', '9999-01-01'),
    (10006, 59755, '2001-08-02', '9999-01-01');
